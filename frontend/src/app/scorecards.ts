/**
 * Scorecards: each member's own ratings of an interview's answers on the position's scale (versioned, submitted or
 * a draft), the team's ratings once one may see them, and the small pure helpers the pages share (the body sent, the
 * mean and spread of a question's ratings).
 */
import type { components } from "./api.generated";
import { request } from "./api";

/** The scorecards API's answers, typed from its OpenAPI schema (docs/openapi.json → api.generated.ts). */
type Schemas = components["schemas"];

/** A position's rating scale: integers from `min` to `max`; `anchors` words some of its points ("1": "no example"). */
export type RatingScale = Schemas["RatingScale"];
/** A moment of the answer that supports a rating: `time` in seconds on the interview's video, a short note. */
export type Evidence = Schemas["Evidence"];
/** One question's rating as stored (1-based `question`, as report.questions[].index). */
export type QuestionRating = Schemas["QuestionRating"];
/** One member's scorecard (its latest version). */
export type Scorecard = Schemas["Scorecard"];
/** GET (and PUT) …/scorecard/: the caller's own latest scorecard (version 0: none yet), the scale and the questions. */
export type MyScorecard = Schemas["OwnScorecard"];
/** A question of the interview as the scorecard form renders it, with its rubric's criteria. */
export type ScorecardQuestion = Schemas["ScorecardQuestion"];
/** GET …/scorecards/: the team's submitted scorecards, or none while the caller must submit theirs first. */
export type TeamScorecards = Schemas["Scorecards"];
/** The body of PUT …/scorecard/ (a new version of the caller's own scorecard). */
export type ScorecardBody = Schemas["ScorecardInputRequest"];
/** The people's ratings of one question of one interview in the comparison. */
export type RatingsCell = Schemas["CellRatings"];
/** people_disagree | people_vs_automatic */
export type RatingFlag = Schemas["FlagsEnum"];

/** One question's row of the scorecard form: a criterion may be left unrated (null) while editing. */
export interface DraftRating {
  question: number;
  rating: number | null;
  criteria: { criterion: string; rating: number | null }[];
  evidence: Evidence[];
}

/** The position settings that go with scorecards (the position's `rating_scale` is typed loosely by the schema). */
export interface RatingSettings {
  rating_scale: RatingScale;
  independent_ratings: boolean;
  review_deadline: string | null;
}

export const DEFAULT_SCALE: RatingScale = { min: 1, max: 5, anchors: {} };

const I = (id: string) => `/api/interviews/${encodeURIComponent(id)}/`;

export const scorecardsApi = {
  mine: (interviewId: string) => request<MyScorecard>(`${I(interviewId)}scorecard/`),
  /** A new version of the caller's own scorecard; the answer is the same as GET's. */
  save: (interviewId: string, body: ScorecardBody) => request<MyScorecard>(`${I(interviewId)}scorecard/`, { method: "PUT", json: body }),
  team: (interviewId: string) => request<TeamScorecards>(`${I(interviewId)}scorecards/`),
};

/** A position's rating scale from its loosely typed `rating_scale` (the default 1-5 scale when it is not one). */
export function ratingScaleOf(position: { rating_scale?: unknown }): RatingScale {
  const s = position.rating_scale as Partial<RatingScale> | null | undefined;
  if (!s || typeof s !== "object" || typeof s.min !== "number" || typeof s.max !== "number") return DEFAULT_SCALE;
  return { min: s.min, max: s.max, anchors: s.anchors && typeof s.anchors === "object" ? s.anchors : {} };
}

/** The points of a scale, from min to max. */
export function scalePoints(scale: RatingScale): number[] {
  const out: number[] = [];
  for (let v = scale.min; v <= scale.max; v += 1) out.push(v);
  return out;
}

/**
 * The ratings to send: one entry per question that holds something (a rating, a criterion's rating or a piece of
 * evidence), unrated criteria left out, evidence notes trimmed, times rounded to a tenth of a second.
 */
export function ratingsToSend(ratings: DraftRating[]): QuestionRating[] {
  return ratings
    .map((r) => ({
      question: r.question,
      rating: r.rating,
      criteria: r.criteria.flatMap((c) => (c.rating != null ? [{ criterion: c.criterion, rating: c.rating }] : [])),
      evidence: r.evidence.map((e) => ({ time: Math.round(e.time * 10) / 10, note: e.note.trim() })),
    }))
    .filter((r) => r.rating != null || r.criteria.length > 0 || r.evidence.length > 0);
}

/** The mean and population standard deviation of some ratings (null, null when there are none). */
export function meanSpread(values: number[]): { mean: number | null; spread: number | null } {
  if (!values.length) return { mean: null, spread: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, spread };
}

/** One person's rating of question `q` in a scorecard, or null. */
export const ratingOf = (card: Pick<Scorecard, "ratings">, q: number): number | null => card.ratings.find((r) => r.question === q)?.rating ?? null;

/** The draft's rows: one per question, the stored ratings where there are some, every criterion of its rubric. */
export function draftRatings(card: Pick<MyScorecard, "ratings" | "questions">): DraftRating[] {
  return card.questions.map((q) => {
    const stored = card.ratings.find((r) => r.question === q.index);
    return {
      question: q.index,
      rating: stored?.rating ?? null,
      criteria: q.criteria.map((c) => ({ criterion: c.id, rating: stored?.criteria?.find((x) => x.criterion === c.id)?.rating ?? null })),
      evidence: (stored?.evidence ?? []).map((e) => ({ ...e })),
    };
  });
}
