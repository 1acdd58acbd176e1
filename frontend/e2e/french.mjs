// What a French page must not show: English words, internal file names or server paths, English
// number formats. Shared by the end-to-end scripts (run.mjs, walk_fr.mjs).

/** English words a French page must not show (the brand name and lang="en" elements are left out). */
export const ENGLISH =
  /\b(the|and|with|was|were|could|would|from|which|this|that|only|found|been|has|have|not|measured|out of|share|speaking|words|sentence|eye contact|nods|fillers|overall|answers?|rubric|coverage|weight|warnings?|failed|error|report|upload|consent|file|rule|reason|incomplete|neutral|confidence|lexicon|model|fallback|truncated|corrupt)\b/i;
export const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i;
export const SERVER_PATH = /\/(tmp|srv|var|home|root|work|media)\/|ial-upload-|\.upload\b|videos\/\d{4}\//;
/** Numbers in the English format: a decimal point between digits, a percent sign glued to its number. */
export const ENGLISH_NUMBER = /\d\.\d|\d%/;

/**
 * The page's visible text with every <details> open (the administrators' technical details and
 * the technical metadata panel excepted) and the parts in another language (lang≠fr) hidden;
 * the page is left as it was.
 */
export async function visibleText(page) {
  return page.evaluate(() => {
    const opened = [];
    for (const d of document.querySelectorAll("details:not([open])")) {
      if (!d.closest(".meta") && !d.matches("[data-testid=technical-details]")) {
        d.open = true;
        opened.push(d);
      }
    }
    const hidden = [];
    for (const el of document.querySelectorAll("[lang]:not(html)")) {
      if (!el.getAttribute("lang").startsWith("fr")) {
        hidden.push([el, el.style.display]);
        el.style.display = "none";
      }
    }
    const text = document.body.innerText;
    for (const [el, display] of hidden) el.style.display = display;
    for (const d of opened) d.open = false;
    return text.replace(/Interview AI Lab/g, "");
  });
}

/** Every problem of one page's text: English, internal names, English numbers, placeholders. */
export function problems(where, text) {
  const out = [];
  for (const line of text.split("\n")) {
    const l = line.trim().slice(0, 160);
    const en = line.match(ENGLISH);
    if (en) out.push(`${where}: English "${en[0]}" in: ${l}`);
    if (UUID.test(line) || SERVER_PATH.test(line)) out.push(`${where}: internal name or path in: ${l}`);
    const n = line.match(ENGLISH_NUMBER);
    if (n) out.push(`${where}: English number format "${n[0]}" in: ${l}`);
    if (/Score global|undefined|NaN|\{\w+\}/.test(line)) out.push(`${where}: placeholder or old label in: ${l}`);
  }
  return out;
}

/** The problems of the page as it is now (empty: entirely French). */
export async function frenchProblems(page, where) {
  return problems(where, await visibleText(page));
}
