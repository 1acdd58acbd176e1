// End-to-end check of the offline report (report.html written by scripts/html_report.py) in
// real headless Chromium: it renders the radar chart, the timeline and the transcript, switches
// language, opens a local video file through the page's picker and seeks it from a transcript
// word, and logs no console error.
//   node e2e/viewer.mjs REPORT_HTML [SCREENSHOT_PNG] [VIDEO_FILE]
import { assert, axeViolations, collectErrors, launch } from "./browser.mjs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

export async function checkViewer(htmlPath, screenshot, videoFile) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(pathToFileURL(resolve(htmlPath)).href);
    await page.getByTestId("radar-chart").waitFor({ state: "visible", timeout: 15000 });
    await page.getByTestId("timeline").waitFor({ state: "visible" });
    assert(await page.getByTestId("transcript").isVisible(), "transcript visible");
    const mode = await page.getByTestId("report").getAttribute("data-mode");
    const emotionPanels = await page.getByTestId("emotion-panel").count();
    if (mode === "recruitment") assert(emotionPanels === 0, "no emotion panel in recruitment mode");
    assert((await page.locator("html").getAttribute("lang")) === "fr", "French by default");
    const a11y = await axeViolations(page);
    assert(a11y.length === 0, `no accessibility violation (axe-core, WCAG 2.1 AA):\n${a11y.join("\n")}`);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Interview report").first().waitFor();
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByText("Rapport d'entretien").first().waitFor();
    let seeked = null;
    if (videoFile) {
      await page.getByLabel("Ouvrir la vidéo de l'entretien…").setInputFiles(videoFile);
      await page.waitForFunction(() => (document.querySelector("[data-testid=video]")?.readyState ?? 0) >= 1, null, { timeout: 15000 });
      const word = page.getByTestId("transcript").locator('[data-i="10"]');
      if (await word.count()) {
        await word.click();
        seeked = await page.evaluate(() => document.querySelector("[data-testid=video]").currentTime);
      }
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    assert(errors.length === 0, `no console errors, got:\n${errors.join("\n")}`);
    return { mode, emotionPanels, seeked };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [html, shot, video] = process.argv.slice(2);
  const result = await checkViewer(html, shot, video);
  console.log(`viewer ok: ${JSON.stringify(result)}`);
}
