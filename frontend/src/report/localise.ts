/**
 * The report in the reader's language: warnings translated by `code` + `params`, score rules by
 * criterion `name` + `rule_params`, the reasons a part was not measured, and shares as percentages.
 * Unknown codes fall back to the report's English text; older reports (no `notices`, no
 * `scores.measured`, no `rule_params`) are read as well.
 */
import {
  CRITERIA, DEFAULT_MAX, NOT_MEASURED_RULE, NOTICES, PART_RULES, PARTS, REASON_OF_PART, REASONS, fill, hasShareSpec,
} from "../i18n/catalogue";
import { hasKey, translate } from "../i18n/i18n";
import type { Lang, MessageKey } from "../i18n/messages";
import { TERMS } from "../i18n/messages";
import { num, pct, value } from "./format";
import type { DetailPart, IncompleteReason, Measured, Notice, Report, ScoreDetail, ScorePart, Scores } from "./types";

export { DEFAULT_MAX, PARTS };

/** Criteria and inputs whose value is a 0–1 share (shown as a percentage, never as "0,97"). */
const SHARE_NAMES = new Set([
  "eye contact", "eye_contact", "eye_contact_ratio", "face_detected_ratio", "pauses", "silence_share", "expression",
  "rubric_coverage", "coverage", "ratio", "share", "probability", "confidence",
]);

export function isShare(name: string): boolean {
  return SHARE_NAMES.has(name) || /(_ratio|_share|_coverage)$/.test(name);
}

/** A measured value in a table: a share as "97 %", a number in the locale ("0,51"), text as is. */
export function displayValue(name: string, v: unknown, lang: Lang): string {
  if (typeof v === "string") {
    // older reports wrote the tone as "positive (0.81)": the label is a code, the number a share
    const m = v.match(/^(positive|neutral|negative) \(([0-9.]+)\)$/);
    if (m) return `${translate(lang, `sentiment.${m[1]}` as MessageKey)} (${pct(Number(m[2]), lang)})`;
  }
  if (typeof v === "number" && isShare(name) && v >= 0 && v <= 1) return pct(v, lang);
  return value(v, lang);
}

/**
 * Template variables from a notice's or a rule's parameters: shares as percentages, numbers in the
 * locale, names translated when known. `shareContext`: every 0–1 number is a share (rules of share criteria),
 * except a duration in seconds (`…_sec`: the shortest pause counted).
 */
export function formatParams(params: Record<string, unknown> | null | undefined, lang: Lang, shareContext = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === "number") out[k] = (isShare(k) || (shareContext && !k.endsWith("_sec"))) && v >= 0 && v <= 1 ? pct(v, lang) : num(v, lang, 2);
    else if (typeof v === "string" && k === "reason" && REASONS[v]) out[k] = REASONS[v][lang];
    else if (typeof v === "string") out[k] = TERMS[lang][v] ?? v;
    else if (typeof v === "boolean") out[k] = v ? "✓" : "✗";
    else if (Array.isArray(v)) out[k] = v.map(String).join(", ");
    else if (v != null) out[k] = JSON.stringify(v);
  }
  return out;
}

/** The report's warnings as notices (older reports: their English strings, code "message"). */
export function noticesOf(report: Pick<Report, "notices" | "warnings">): Notice[] {
  if (Array.isArray(report.notices)) return report.notices;
  return (report.warnings ?? []).map((w) => ({ code: "message", params: {}, message: String(w) }));
}

/**
 * One warning in the reader's language (the catalogue's sentence for its code, filled with its params);
 * an unknown code, an uncoded warning, or a sentence needing more than the params keep shows the
 * report's English message (written by the pipeline from the same catalogue).
 */
export function noticeText(n: Notice, lang: Lang): string {
  const template = n.code && n.code !== "message" ? NOTICES[n.code]?.[lang] : undefined;
  return (template && fill(template, formatParams(n.params, lang))) || n.message;
}

/** Why a part or a criterion was not measured: the reason's detail when its params allow, else its short text. */
export function reasonWords(code: string, params: Record<string, unknown> | null | undefined, lang: Lang): string {
  const reason = REASONS[code] ?? REASONS.not_measured;
  return (reason.detail && fill(reason.detail[lang], formatParams(params, lang))) || reason[lang];
}

const normName = (name: string | undefined) => (name ?? "").trim().replace(/\s+/g, "_").toLowerCase();

/** A criterion's rule in the reader's language (by `name` + `rule_params`), else the English `rule`. */
export function ruleText(
  item: Pick<DetailPart, "rule" | "rule_params" | "points"> & { name?: string; max?: number | null; reason?: { code: string; params?: Record<string, unknown> } | null },
  lang: Lang,
  part?: string,
): string {
  const name = normName(item.name ?? part);
  if (item.points == null && item.reason?.code) {
    return fill(NOT_MEASURED_RULE[lang], { reason: reasonWords(item.reason.code, item.reason.params, lang) }) ?? item.rule;
  }
  if (!name) return item.rule;
  if (item.points == null && /^not measured/i.test(item.rule ?? "")) return REASONS.not_measured[lang];
  const criterion = CRITERIA[name];
  if (!criterion) return item.rule;
  // A rule whose English says `{x:.0%}` is about shares: its 0–1 numbers read as percentages.
  const vars = formatParams(item.rule_params, lang, hasShareSpec(criterion.rule.en));
  const full = fill(criterion.rule[lang], vars);
  if (full) return full;
  // Without its numbers: the English reader keeps the report's own (complete) rule; others a translated summary.
  if (lang === "en" && item.rule) return item.rule;
  return fill(criterion.rule_short[lang], vars) ?? item.rule;
}

/** The rule of a whole part (verbal, paraverbal, nonverbal, total), chosen by what it is made of. */
export function partRuleText(part: ScorePart | "total", detail: ScoreDetail, lang: Lang): string {
  const names = (detail.parts ?? []).map((p) => normName(p.name));
  let key: string = part;
  const vars: Record<string, string> = {};
  if (part === "verbal" && names.includes("rubric_coverage")) key = "verbal_rubric";
  if (part === "nonverbal" && names.includes("expression")) key = "nonverbal_expression";
  if (part === "total") {
    const weights = (detail.rule_params as { weights?: Record<string, unknown> } | undefined)?.weights ?? {};
    const full = PARTS.reduce((s, p) => s + (typeof weights[p] === "number" ? (weights[p] as number) : DEFAULT_MAX[p]), 0);
    key = "total" + (Math.abs(full - 100) > 1e-9 ? "_rescaled" : "") + (detail.answers?.length ? "_answers" : "");
    vars.full = num(full, lang, 2);
  }
  const template = PART_RULES[key]?.[lang];
  return (template && fill(template, vars)) || detail.rule;
}

/** Why parts were not measured: `scores.incomplete.reasons`, else every null part (older reports). */
export function incompleteReasons(scores: Scores | null | undefined): IncompleteReason[] {
  if (!scores) return [];
  if (scores.incomplete && Array.isArray(scores.incomplete.reasons)) return scores.incomplete.reasons;
  return PARTS.filter((p) => p in scores && scores[p] == null).map((p) => ({ part: p, code: "not_measured", params: {} }));
}

/** Whether the total must read "incomplete" (a part not measured, or no total). */
export function isIncomplete(scores: Scores | null | undefined): boolean {
  if (!scores) return false;
  return scores.total == null || incompleteReasons(scores).length > 0;
}

/** What could be measured: `scores.measured`, else summed from the non-null parts (older reports). */
export function measuredOf(scores: Scores, details?: Partial<Record<string, ScoreDetail>>): Measured {
  if (scores.measured) return scores.measured;
  const parts = PARTS.filter((p) => scores[p] != null);
  return {
    points: parts.reduce((s, p) => s + (scores[p] ?? 0), 0),
    out_of: parts.reduce((s, p) => s + (details?.[p]?.max ?? DEFAULT_MAX[p]), 0),
    parts,
  };
}

/** One reason in words: "non verbal : aucun visage détecté". */
export function reasonText(r: IncompleteReason, lang: Lang): string {
  const part = hasKey(`report.part.${r.part}`) ? translate(lang, `report.part.${r.part}` as MessageKey) : r.part;
  return fill(REASON_OF_PART[lang], { part, reason: reasonWords(r.code, r.params, lang) }) ?? part;
}

/** "40 sur les 40 points qui ont pu être mesurés". */
export function measuredText(m: Measured, lang: Lang): string {
  return translate(lang, "report.measured", { points: num(m.points, lang, 1), out_of: num(m.out_of, lang, 0) });
}
