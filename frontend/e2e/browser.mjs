// Headless Debian Chromium through playwright-core (no browser download): launch helper and a
// console-error collector shared by the end-to-end scripts.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.IAL_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Record console errors and page errors of `page` into the returned array. */
export function collectErrors(page, { ignore = [] } = {}) {
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (!ignore.some((re) => re.test(text))) errors.push(`console: ${text}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

const AXE = new URL("../node_modules/axe-core/axe.min.js", import.meta.url);

/**
 * Accessibility check with axe-core (WCAG 2.1 A and AA rules) on the page as it is: the
 * violations, as "impact id: help (n nodes: selectors)" lines.
 */
export async function axeViolations(page) {
  // Evaluated through DevTools, not added as an inline <script>: the app's CSP (script-src 'self') stays on.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")})`,
  );
}
