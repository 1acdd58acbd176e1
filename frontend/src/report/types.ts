/**
 * Types of report.json, named for the components. The contract is report.schema.json at the repository
 * root (generated from the pydantic model, scripts/core/report/schema.py); `npm run types` turns it into
 * ./report.generated.ts, and the types here are those generated ones.
 *
 * The schema leaves every object open (`[k: string]: unknown`). A few keys that the pipeline writes and
 * the components read are not declared in it yet; the `*Undeclared` interfaces below (with `Word` and
 * `RubricCriterion`, the values of two of them) type those keys on top of the generated types (an
 * intersection: a key the schema declares keeps the schema's type). types.test.ts fails once the schema
 * declares one of them, which is then removed from here.
 */
import type * as Schema from "./report.generated";

export type FillerEvent = Schema.FillerEvent;
export type Pause = Schema.Pause;
export type Sentiment = Schema.Sentiment;
export type TimelinePoint = Schema.TimelinePoint;
export type Emotions = Schema.Emotions;
export type NodEvent = Schema.NodEvent;
export type Measured = Schema.Measured;
export type IncompleteReason = Schema.IncompleteReason;
export type ScorePart = IncompleteReason["part"];
export type Scores = Schema.Scores;
/** One criterion of a score part (elaboration, vocabulary, rubric_coverage, speaking_rate, eye_contact…). */
export type DetailPart = Schema.Criterion;
export type ScoreDetail = Schema.ScoreDetail;
/** A warning as a code with parameters; `message` is English, `technical` is for administrators only. */
export type Notice = Schema.Notice;
export type Meta = Schema.Meta;

/** One transcript word with its times (seconds); `filler` marks "euh", "um"… (merge_report.timed_words). */
export interface Word {
  w: string;
  /** seconds */
  start: number;
  /** seconds */
  end: number;
  filler?: boolean;
}

/** Keys of `speech` the schema does not declare (speech_metrics). */
export interface SpeechUndeclared {
  /** pitch variation, semitones */
  pitch_variability_st?: number | null;
}
export type Speech = Schema.Speech & SpeechUndeclared;

/** Keys of `text` the schema does not declare (text_analysis). */
export interface TextUndeclared {
  keywords?: string[];
}
/** Information only: sentiment earns no points. `sentiment.label` is a code the UI translates. */
export type TextAnalysis = Schema.Text & TextUndeclared;

/** Keys of `nonverbal` the schema does not declare (gaze_nods). */
export interface NonverbalUndeclared {
  /** share of the analysed frames with a face, 0-1 */
  face_detected_ratio?: number | null;
  /** blinks counted (null when the blink rate is not measured) */
  blinks?: number | null;
}
export type Nonverbal = Schema.Nonverbal & NonverbalUndeclared;

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

/** The schema's `questions[].rubric` is an open object; what the rubric stage writes in it. */
export interface RubricUndeclared {
  criteria: RubricCriterion[];
  /** 0-100 */
  score: number;
  /** the rubric used (criteria with weights; `method: "edited"` when a recruiter changed it) */
  definition?: Record<string, unknown>;
}
export type RubricResult = NonNullable<Schema.Question["rubric"]> & RubricUndeclared;

/** Keys of a question the schema does not declare (questions stage). */
export interface QuestionUndeclared {
  /** seconds */
  start?: number | null;
  /** seconds */
  end?: number | null;
  transcript?: string;
  speech?: Partial<Speech> | null;
  /** the answer's share of eye contact, nods; emotions only in coaching mode */
  nonverbal?: Partial<Nonverbal> | null;
}
/** One question's answer; `scores` is the "answer score": this answer alone, never the interview's score. */
export type Question = Schema.Question & QuestionUndeclared & { rubric?: RubricResult | null };

/** Keys of the report the schema does not declare (merge_report). */
export interface ReportUndeclared {
  words?: Word[] | null;
  /** what each measure cannot do, by measure (English; the UI has its own translations) */
  limits?: Record<string, string> | null;
}
export type Report = Schema.InterviewAiLabReport &
  ReportUndeclared & {
    speech?: Speech | null;
    text?: TextAnalysis | null;
    nonverbal?: Nonverbal | null;
    questions?: Question[] | null;
  };
