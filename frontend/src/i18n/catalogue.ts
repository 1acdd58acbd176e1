/**
 * The texts and numbers the front end shares with Python, read from the package's catalogue
 * (interview_ai_lab/data/catalogue/*.json): the notices' sentences, the score parts' default maximum
 * points, the criteria's names and rules, the reasons a part was not measured, the disclaimers, the
 * known limits and the report's headline words, each in English and French side by side. Python writes
 * the English into report.json from the same files, so the two cannot say different things;
 * catalogue.test.ts checks that every text has both languages with the same placeholders.
 *
 * A template fills `{name}` or `{name:spec}`: the spec is Python's (`{ratio:.0%}`); here the value comes
 * already formatted for the reader's language (localise.ts), and the spec only says it is a share.
 */
import noticesFile from "../../../interview_ai_lab/data/catalogue/notices.json";
import reportTextsFile from "../../../interview_ai_lab/data/catalogue/report_texts.json";
import scoringFile from "../../../interview_ai_lab/data/catalogue/scoring.json";
import type { Lang } from "./messages";

/** One text in each language. */
export type Text = Record<Lang, string>;

type ScorePartName = "verbal" | "paraverbal" | "nonverbal";

interface CriterionEntry {
  part: string;
  /** default relative weight inside its part (null: set per question) */
  weight: number | null;
  name: Text;
  rule: Text;
  rule_short: Text;
}

/** Every notice's sentence by code; `values`: what else the English one needs that the notice does not keep. */
export const NOTICES: Record<string, Text & { values?: string[] }> = noticesFile.notices;

/** The three score parts, in display order. */
export const PARTS = Object.keys(scoringFile.parts) as ScorePartName[];

/** Maximum points of each part when the report does not say (the pipeline's default weights). */
export const DEFAULT_MAX = Object.fromEntries(PARTS.map((p) => [p, scoringFile.parts[p].max])) as Record<ScorePartName, number>;

/** The default part weights as the pipeline's `--weights` writes them ("verbal=…,paraverbal=…,nonverbal=…"). */
export const DEFAULT_WEIGHTS = PARTS.map((p) => `${p}=${DEFAULT_MAX[p]}`).join(scoringFile.weights_syntax.separator);

/** The shortest pause counted when the report does not say (one written before it recorded its own), seconds. */
export const MIN_PAUSE_SEC: number = scoringFile.min_pause_sec;

/** The shortest pause a run counted, seconds: its `speech.min_pause_sec`, else the default (Python's `min_pause_of`). */
export const minPauseOf = (speech: { min_pause_sec?: number | null } | null | undefined): number =>
  speech?.min_pause_sec != null && speech.min_pause_sec > 0 ? speech.min_pause_sec : MIN_PAUSE_SEC;

/** The speaking rate earning full points when the report does not say, words/min. */
export const WPM_BAND = scoringFile.wpm_band as [number, number];

/** The score criteria by name (elaboration, speaking_rate, eye_contact, rubric_coverage…). */
export const CRITERIA: Record<string, CriterionEntry> = scoringFile.criteria;

/** How a part (or the total) is made, by key (verbal, verbal_rubric, total_rescaled…). */
export const PART_RULES: Record<string, Text> = scoringFile.part_rules;

/** Why a part was not measured, by code: a short text, and a detail that needs the reason's params. */
export const REASONS: Record<string, Text & { detail?: Text }> = scoringFile.reasons;

/** "not measured: {reason}". */
export const NOT_MEASURED_RULE: Text = scoringFile.not_measured_rule;

/** "{part}: {reason}". */
export const REASON_OF_PART: Text = scoringFile.reason_of_part;

/** The name of a score part in running text ("non-verbal"). */
export const partName = (part: string, lang: Lang): string =>
  (scoringFile.parts as Record<string, { name: Text } | undefined>)[part]?.name[lang] ?? part;

/** The disclaimers: `report` (with every report) and `comparison` (with a position's comparison). */
export const DISCLAIMERS: Record<"report" | "comparison", Text> = reportTextsFile.disclaimers;

/** The known limits of each measure, in a fixed order: a label and a text per language. */
export const LIMITS: Record<string, Text & { label: Text }> = reportTextsFile.limits;

/** The report's headline words, shared with the offline page's script-free summary. */
export const HEADLINE: Record<keyof typeof reportTextsFile.headline, Text> = reportTextsFile.headline;

/** The part weights' syntax: every part once, `part=points` separated by commas, points > 0. */
export const WEIGHTS_SYNTAX = scoringFile.weights_syntax;

const PLACEHOLDER = /\{(\w+)(?::[^{}]*)?\}/g;

/** The names of a template's placeholders, in order (`{ratio:.0%}` → "ratio"). */
export const placeholders = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);

/** Whether a template's placeholder `{name:…%}` marks a share (a 0–1 number shown as a percentage). */
export const hasShareSpec = (template: string): boolean => /\{\w+:[^{}]*%\}/.test(template);

/** `template` filled with `vars`; null when a placeholder has no value (the caller then falls back). */
export function fill(template: string, vars: Record<string, string | number>): string | null {
  if (placeholders(template).some((p) => !(p in vars))) return null;
  return template.replace(PLACEHOLDER, (_, name: string) => String(vars[name]));
}

/**
 * Parse the part weights ("verbal=50,paraverbal=20,nonverbal=30") by the rule Python's `parse_weights`
 * applies (the same pattern, from scoring.json): null when they are not every part once with points > 0.
 */
export function parseWeights(text: string): Record<ScorePartName, number> | null {
  const item = new RegExp(WEIGHTS_SYNTAX.item);
  const out: Partial<Record<ScorePartName, number>> = {};
  for (const part of text.split(WEIGHTS_SYNTAX.separator)) {
    const m = item.exec(part);
    if (!m) return null;
    const [, key, value] = m;
    const points = Number(value);
    if (!(PARTS as string[]).includes(key) || key in out || !(points > 0)) return null;
    out[key as ScorePartName] = points;
  }
  return PARTS.every((p) => p in out) ? (out as Record<ScorePartName, number>) : null;
}
