// Builds the offline report viewer into ONE self-contained file, committed as
// interview_ai_lab/data/report_viewer.html (CLI users have no Node). JS and CSS are inlined; the
// hash of the sources is recorded so a test can tell when the committed file is stale.
//   npm run build:viewer
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { FRONTEND, viewerSourceHash } from "./source-hash.mjs";

const OUT = join(FRONTEND, "..", "interview_ai_lab", "data", "report_viewer.html");
const DIST = join(FRONTEND, "dist-viewer");
const DATA_SLOT = '<script id="report-data" type="application/json">null</script>';

await build({ configFile: join(FRONTEND, "vite.viewer.config.ts"), logLevel: "warn", root: FRONTEND });

let html = readFileSync(join(DIST, "viewer.html"), "utf8");
const read = (href) => readFileSync(join(DIST, href.replace(/^\.\//, "")), "utf8");

html = html.replace(/<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g, (_, href) => `<style>${read(href).trim()}</style>`);
html = html.replace(/<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>/g, (_, src) => {
  const code = read(src).replace(/<\/script/gi, "<\\/script");
  if (code.includes("<!--")) throw new Error("the viewer code holds \"<!--\", which breaks an inline script");
  return `<script type="module">${code.trim()}</script>`;
});
if (/(src|href)="\.?\/?assets\//.test(html)) throw new Error("an asset was not inlined");
if (html.split(DATA_SLOT).length !== 2) throw new Error("the report-data slot must appear exactly once");
const hash = viewerSourceHash();
html = html.replace("<head>", `<head>\n    <meta name="ial-viewer-source-hash" content="${hash}" />`);

mkdirSync(join(OUT, ".."), { recursive: true });
writeFileSync(OUT, html);
rmSync(DIST, { recursive: true, force: true });
console.log(`wrote ${OUT} (${(html.length / 1024).toFixed(1)} KiB, sources ${hash.slice(0, 12)})`);
