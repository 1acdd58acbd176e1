/**
 * Known limits of each measure. The report carries them (`report.limits`, in English, from the shared
 * catalogue interview_ai_lab/data/catalogue/report_texts.json, filled with the run's settings); the UI
 * shows the French of a known key in French (filled with the same settings: `values`, the defaults for a
 * report written before it recorded them), the report's own text otherwise, and the catalogue's texts when
 * the report has none (a text that needs a setting not given is then left out).
 */
import { LIMITS, fill } from "../i18n/catalogue";
import type { Lang } from "../i18n/messages";
import { formatParams } from "./localise";

/** The limits to show: `[key, label, text]`, known measures first in a fixed order (emotions left out in recruitment mode). */
export function limitsToShow(
  reportLimits: { [k: string]: string | undefined } | null | undefined,
  lang: Lang,
  recruitment: boolean,
  values: Record<string, number> = {},
): [string, string, string][] {
  const vars = formatParams(values, lang);
  const given = Object.entries(reportLimits ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
  const source = given.length
    ? Object.fromEntries(given)
    : Object.fromEntries(Object.entries(LIMITS).flatMap(([k, l]) => {
        const text = fill(l[lang], vars);
        return text == null ? [] : [[k, text]];
      }));
  // A fixed order (stored JSON may come back with its keys reordered, e.g. from PostgreSQL jsonb).
  const known = Object.keys(LIMITS);
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  return Object.entries(source)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .filter(([k]) => !(recruitment && k.startsWith("emotion")))
    .map(([k, text]) => [k, LIMITS[k]?.label[lang] ?? k, lang === "fr" && LIMITS[k] ? (fill(LIMITS[k].fr, vars) ?? text) : text]);
}
