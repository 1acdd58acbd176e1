/**
 * Types of report.json, named for the components. The contract is interview_ai_lab/data/report.schema.json
 * (generated from the pydantic model, interview_ai_lab/report/schema.py); `npm run types` turns it into
 * ./report.generated.ts, and every type here is one of those generated types under the name the
 * components use. types.test.ts fails when the generated file drifts from the schema.
 */
import type * as Schema from "./report.generated";

export type Word = Schema.Word;
export type FillerEvent = Schema.FillerEvent;
export type Pause = Schema.Pause;
export type Speech = Schema.Speech;
export type Sentiment = Schema.Sentiment;
/** Information only: sentiment earns no points. `sentiment.label` is a code the UI translates. */
export type TextAnalysis = Schema.Text;
export type TimelinePoint = Schema.TimelinePoint;
export type Emotions = Schema.Emotions;
export type NodEvent = Schema.NodEvent;
export type Nonverbal = Schema.Nonverbal;
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
export type RubricCriterion = Schema.RubricCriterionResult;
export type RubricResult = Schema.RubricResult;
export type AnswerSpeech = Schema.AnswerSpeech;
export type AnswerNonverbal = Schema.AnswerNonverbal;
/** One question's answer; `scores` is the "answer score": this answer alone, never the interview's score. */
export type Question = Schema.Question;
export type Report = Schema.InterviewAiLabReport;
