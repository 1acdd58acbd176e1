// Hash of the offline viewer's sources (the list is viewer-sources.json), the same as
// tests/test_html_report.py computes: sha256 over "<relative posix path>\0<content with \r\n → \n>\0"
// for every file, sorted by path.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const FRONTEND = fileURLToPath(new URL("..", import.meta.url));

function walk(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) walk(join(path, name), out);
  } else {
    out.push(path);
  }
}

export function viewerSourceFiles(root = FRONTEND) {
  const spec = JSON.parse(readFileSync(join(root, "viewer-sources.json"), "utf8"));
  const files = [];
  for (const r of spec.roots) walk(join(root, r), files);
  return files
    .map((f) => relative(root, f).split(sep).join("/"))
    .filter((f) => !spec.exclude_suffixes.some((s) => f.endsWith(s)))
    .sort();
}

export function viewerSourceHash(root = FRONTEND) {
  const h = createHash("sha256");
  for (const rel of viewerSourceFiles(root)) {
    const text = readFileSync(join(root, rel)).toString("utf8").replace(/\r\n/g, "\n");
    h.update(rel + "\0" + text + "\0", "utf8");
  }
  return h.digest("hex");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(viewerSourceHash());
}
