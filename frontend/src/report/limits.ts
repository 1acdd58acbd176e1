/**
 * Known limits of each measure. The report carries them (`report.limits`, in English, from the shared
 * catalogue interview_ai_lab/data/catalogue/report_texts.json); the UI shows the French of a known key
 * in French, the report's own text otherwise, and the catalogue's texts when the report has none.
 */
import { LIMITS } from "../i18n/catalogue";
import type { Lang } from "../i18n/messages";

/** The limits to show: `[key, label, text]`, known measures first in a fixed order (emotions left out in recruitment mode). */
export function limitsToShow(
  reportLimits: { [k: string]: string | undefined } | null | undefined,
  lang: Lang,
  recruitment: boolean,
): [string, string, string][] {
  const given = Object.entries(reportLimits ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
  const source = given.length ? Object.fromEntries(given) : Object.fromEntries(Object.entries(LIMITS).map(([k, l]) => [k, l[lang]]));
  // A fixed order (stored JSON may come back with its keys reordered, e.g. from PostgreSQL jsonb).
  const known = Object.keys(LIMITS);
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  return Object.entries(source)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .filter(([k]) => !(recruitment && k.startsWith("emotion")))
    .map(([k, text]) => [k, LIMITS[k]?.label[lang] ?? k, lang === "fr" ? (LIMITS[k]?.fr ?? text) : text]);
}
