/**
 * Types of report.json (see report.schema.json at the repository root, generated from
 * scripts/core/report.py). Every object may carry extra keys; optional fields are the
 * ones the pipeline may leave out or add later (words, limits, disclaimer, questions).
 */

export interface FillerEvent {
  word: string;
  /** seconds from the start */
  t: number;
  source?: string | null;
}

export interface Pause {
  /** seconds */
  start: number;
  /** seconds */
  end: number;
}

export interface Speech {
  duration_sec: number;
  /** words per minute */
  wpm: number;
  silence_sec: number;
  fillers: number;
  filler_events?: FillerEvent[];
  pauses?: Pause[];
  articulation_rate?: number | null;
  pitch_variability_st?: number | null;
  [key: string]: unknown;
}

/** Information only: sentiment earns no points. `label` is a code the UI translates. */
export interface Sentiment {
  label: "positive" | "neutral" | "negative" | string;
  score: number;
  method?: string;
  model?: string | null;
}

export interface TextAnalysis {
  sentiment: Sentiment;
  summary: string;
  keywords?: string[];
  [key: string]: unknown;
}

export interface TimelinePoint {
  t: number;
  e: string;
}

export interface Emotions {
  dominant_emotion: string;
  distribution: Record<string, number>;
  timeline?: TimelinePoint[];
}

export interface Nonverbal {
  eye_contact_ratio: number;
  nods: number;
  nod_events?: { t: number }[];
  face_detected_ratio?: number;
  emotions?: Emotions | null;
  [key: string]: unknown;
}

export type ScorePart = "verbal" | "paraverbal" | "nonverbal";

/** Why a part could not be measured (a stable code the UI translates, with its parameters). */
export interface IncompleteReason {
  part: ScorePart;
  /** no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible ({ratio}) | not_measured */
  code: string;
  params?: Record<string, unknown>;
}

/** What could be measured: e.g. `{points: 40, out_of: 40, parts: ["nonverbal"]}`. */
export interface Measured {
  points: number;
  out_of: number;
  parts: ScorePart[];
}

export interface Scores {
  /** points of each part; null = not measured */
  verbal?: number | null;
  paraverbal?: number | null;
  nonverbal?: number | null;
  /** out of 100; null whenever any part is not measured (never re-scaled to look complete) */
  total?: number | null;
  measured?: Measured | null;
  incomplete?: { reasons: IncompleteReason[] } | null;
}

export interface DetailPart {
  /** stable criterion name (elaboration, vocabulary, rubric_coverage, speaking_rate, eye_contact…) */
  name: string;
  value?: unknown;
  points?: number | null;
  max: number;
  /** the English rule text (fallback when the UI has no translation) */
  rule: string;
  /** the numbers the rule text needs, e.g. {full_from: 150} */
  rule_params?: Record<string, unknown> | null;
  /** rubric_coverage entries: which question (1-based), its weight and its coverage 0-1 */
  question_index?: number;
  weight?: number;
  coverage?: number | null;
  /** rubric_coverage: the answer covers less than a third of its rubric */
  off_topic?: boolean | null;
  /** why the criterion was not measured (a code the UI translates) */
  reason?: { code: string; params?: Record<string, unknown> } | null;
  [key: string]: unknown;
}

export interface ScoreDetail {
  name?: string;
  points?: number | null;
  max: number;
  rule: string;
  rule_params?: Record<string, unknown> | null;
  inputs?: Record<string, unknown>;
  parts?: DetailPart[];
  /** why the part was not measured */
  reason?: { code: string; params?: Record<string, unknown> } | null;
}

/** A warning as a code with parameters; `message` is English, `technical` is for administrators only. */
export interface Notice {
  code: string;
  params?: Record<string, unknown>;
  message: string;
  technical?: string | null;
}

/** One transcript word with its times (seconds); ``filler`` marks "euh", "um"… */
export interface Word {
  w: string;
  start: number;
  end: number;
  filler?: boolean;
}

export interface RubricCriterion {
  id?: string;
  name: string;
  description?: string;
  weight?: number;
  /** 0-1 */
  coverage: number;
  /** answer sentences that show the criterion */
  evidence?: string[];
}

export interface RubricResult {
  criteria: RubricCriterion[];
  /** 0-100 */
  score: number;
  method?: string;
  model?: string | null;
  source?: string;
  /** the rubric used (criteria with weights; `method: "edited"` when a recruiter changed it) */
  definition?: Record<string, unknown>;
}

export interface Question {
  index?: number;
  text?: string;
  /** seconds */
  start?: number | null;
  /** seconds */
  end?: number | null;
  boundary_method?: string;
  transcript?: string;
  /** the "answer score": this answer alone, never the interview's score */
  scores?: Scores;
  speech?: Partial<Speech> | null;
  /** the answer's share of eye contact, nods; emotions only in coaching mode */
  nonverbal?: (Partial<Nonverbal> & { emotions?: Emotions | null }) | null;
  rubric?: RubricResult | null;
  [key: string]: unknown;
}

export interface Meta {
  asr_model?: Record<string, unknown> | null;
  emotion_model?: Record<string, unknown> | null;
  mode?: string;
  options?: Record<string, unknown>;
  stage_seconds?: Record<string, number>;
  versions?: Record<string, string>;
  [key: string]: unknown;
}

export interface Report {
  transcript: string;
  words?: Word[] | null;
  speech?: Speech | null;
  text?: TextAnalysis | null;
  nonverbal?: Nonverbal | null;
  scores: Scores;
  score_details?: Partial<Record<ScorePart | "total", ScoreDetail>>;
  /** English messages (command line, older readers); the UI prefers `notices` */
  warnings?: string[];
  notices?: Notice[] | null;
  meta: Meta;
  limits?: Record<string, string> | null;
  disclaimer?: string | null;
  questions?: Question[] | null;
  [key: string]: unknown;
}
