// Which origins does the running app make the browser talk to? Opens the built front end (signed in),
// an interview page, the API docs (Swagger UI, ReDoc) and the admin login in headless Chromium, with
// Chromium's network log (--log-net-log) on and every request of the pages recorded, and prints one line
// `origins ok: {json}`: the requests (URL, page, failure), console errors (Content-Security-Policy violations among
// them) and inline scripts found. tests/web/test_prod_server.py reads it together with the net log.
//   node e2e/origins.mjs BASE_URL USERNAME PASSWORD INTERVIEW_ID NETLOG_PATH CANDIDATE_NAME
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.mjs";

const [base, username, password, interviewId, netlog, candidate] = process.argv.slice(2);
if (!candidate) {
  console.error("usage: node e2e/origins.mjs BASE_URL USERNAME PASSWORD INTERVIEW_ID NETLOG_PATH CANDIDATE_NAME");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS, "--disable-sync", "--disable-features=AutofillServerCommunication",
    `--log-net-log=${netlog}`, "--net-log-capture-mode=Default"],
});
const requests = [];
const consoleErrors = [];
const pages = {};
let current = "list";
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Each request: its URL, the page being looked at, and why it failed (net::ERR_BLOCKED_BY_CSP…), if it did.
  const seen = new Map();
  context.on("request", (r) => {
    const entry = { url: r.url(), page: current, failure: null };
    seen.set(r, entry);
    requests.push(entry);
  });
  context.on("requestfailed", (r) => {
    if (seen.has(r)) seen.get(r).failure = r.failure()?.errorText ?? "failed";
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error" || /Content.Security.Policy|Refused to/i.test(msg.text())) {
      consoleErrors.push(`${page.url()}: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => consoleErrors.push(`${page.url()}: pageerror: ${err.message}`));
  const inlineScripts = () => page.evaluate(() => document.querySelectorAll("script:not([src])").length);

  // The front end, signed out, then signed in through its own form.
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  const [login] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/auth/login/")),
    page.click("form button[type=submit]"),
  ]);
  const signedIn = login.status();
  await page.waitForSelector("input[name=password]", { state: "detached", timeout: 15000 });
  await page.waitForLoadState("networkidle");
  pages.list = { signedIn, inlineScripts: await inlineScripts(), text: (await page.textContent("body")).length };
  current = "interview";
  await page.goto(`${base}/#/interviews/${interviewId}`, { waitUntil: "networkidle" });
  await page.waitForFunction((name) => document.body.textContent.includes(name), candidate, { timeout: 15000 });
  await page.waitForSelector("video", { timeout: 15000 });
  pages.interview = { inlineScripts: await inlineScripts(), videos: await page.locator("video").count() };

  // The API docs, served from this origin (drf-spectacular-sidecar).
  current = "swagger";
  await page.goto(`${base}/api/docs/`, { waitUntil: "networkidle" });
  await page.waitForSelector(".swagger-ui .info", { timeout: 30000 });
  pages.swagger = { inlineScripts: await inlineScripts(), operations: await page.locator(".opblock").count() };
  current = "redoc";
  await page.goto(`${base}/api/redoc/`, { waitUntil: "networkidle" });
  await page.waitForSelector("redoc h1, [role=navigation], .menu-content", { timeout: 30000 });
  pages.redoc = { inlineScripts: await inlineScripts(), text: (await page.textContent("body")).length };
  current = "admin";
  await page.goto(`${base}/admin/login/`, { waitUntil: "networkidle" });
  pages.admin = { inlineScripts: await inlineScripts(), forms: await page.locator("form").count() };
  await context.close();
} catch (e) {
  const body = await browser.contexts()[0]?.pages()[0]?.textContent("body").catch(() => "");
  console.error(`origins failed: ${e.message}\npages: ${JSON.stringify(pages)}\nrequests: ${JSON.stringify(requests)}\nconsole: ${JSON.stringify(consoleErrors)}\npage text: ${body}`);
  throw e;
} finally {
  await browser.close(); // writes the end of the net log
}
console.log(`origins ok: ${JSON.stringify({ requests, consoleErrors, pages })}`);
