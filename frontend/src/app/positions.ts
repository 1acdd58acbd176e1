/**
 * The positions API (organisations, positions, their rubrics, the comparison of candidates, the
 * adverse-impact report, the candidates' self-declared demographics), typed after the shared contract.
 */
import type { components } from "./api.generated";
import { request, rubricItem, type PositionRubric, type QuestionRubric, type RubricDefinition, type ServerConfig } from "./api";
import type { RatingSettings } from "./scorecards";

/** The positions API's answers, typed from its OpenAPI schema (docs/openapi.json → api.generated.ts). */
type Schemas = components["schemas"];

export type { PositionRubric };
export type Organisation = Schemas["Organisation"];
export type OrgRole = Organisation["role"];
export type PositionQuestion = Schemas["PositionQuestion"];
/** A position: its questions, weights (the parts' maximum points in the CLI's --weights format), mode, retention, reviewers. */
export type Position = Schemas["Position"];
export type PositionLanguage = Position["language"];
/** The fields a recruiter writes (POST / PATCH). */
export type PositionFields = Pick<
  Schemas["PositionRequest"],
  "title" | "language" | "description" | "questions" | "weights" | "retention_days" | "mode" | "think_time_sec" | "answer_time_sec" | "takes" | "practice_question"
> &
  Partial<RatingSettings> & {
    organisation?: string;
  };
export type ComparisonAnswer = Schemas["_RowQuestion"];
export type ComparisonRow = Schemas["_Row"];
export type Comparison = Schemas["Comparison"];
export type ImpactGroup = Schemas["_ImpactGroup"];
export type ImpactCategory = Schemas["_ImpactCategory"];
export type AdverseImpact = Schemas["AdverseImpact"];
/** What GET …/demographics/ tells: whether a declaration exists, never its values. */
export type DemographicsState = Schemas["DemographicsStatus"];

/**
 * The categories and values a candidate may declare, "" = prefers not to say: the server's
 * (`demographic_categories` of /api/config/; none before the configuration has loaded).
 */
export function demographicCategories(config: ServerConfig | null | undefined): Record<string, string[]> {
  return config?.demographic_categories ?? {};
}

/** Whether the role may change positions, upload, analyse and decide. */
export const canManage = (role: OrgRole | string | null | undefined): boolean => role === "admin" || role === "recruiter";

/** A position's rubric as the rubric editor reads it (the question's text from the position). */
export function positionRubricItem(position: Position, r: PositionRubric): QuestionRubric {
  const item = rubricItem(r);
  return { ...item, question: position.questions[r.question_index - 1]?.text ?? item.question };
}

const enc = encodeURIComponent;
const P = (id: string) => `/api/positions/${enc(id)}/`;

export const positionsApi = {
  organisations: () => request<Organisation[]>("/api/organisations/"),
  list: () => request<Position[]>("/api/positions/"),
  get: (id: string) => request<Position>(P(id)),
  create: (fields: PositionFields) => request<Position>("/api/positions/", { method: "POST", json: fields }),
  update: (id: string, fields: Partial<PositionFields>) => request<Position>(P(id), { method: "PATCH", json: fields }),
  remove: (id: string) => request<void>(P(id), { method: "DELETE" }),
  addReviewer: (id: string, username: string) => request<Position>(`${P(id)}reviewers/`, { method: "POST", json: { username } }),
  removeReviewer: (id: string, username: string) => request<Position>(`${P(id)}reviewers/${enc(username)}/`, { method: "DELETE" }),
  /** Every stored version of every question's rubric. */
  rubrics: (id: string) => request<PositionRubric[]>(`${P(id)}rubrics/`),
  saveRubric: (id: string, questionIndex: number, rubric: RubricDefinition) =>
    request<PositionRubric>(`${P(id)}rubrics/`, { method: "POST", json: { question_index: questionIndex, rubric } }),
  comparison: (id: string) => request<Comparison>(`${P(id)}comparison/`),
  adverseImpact: (id: string) => request<AdverseImpact>(`${P(id)}adverse-impact/`),
  demographics: (interviewId: string) => request<DemographicsState>(`/api/interviews/${enc(interviewId)}/demographics/`),
  declareDemographics: (interviewId: string, consent: boolean, categories: Record<string, string>) =>
    request<DemographicsState>(`/api/interviews/${enc(interviewId)}/demographics/`, { method: "PUT", json: { consent, categories } }),
  eraseDemographics: (interviewId: string) => request<void>(`/api/interviews/${enc(interviewId)}/demographics/`, { method: "DELETE" }),
};

/** The adverse-impact report as a file: `csv` (?format=csv) or the JSON answer. */
export const adverseImpactUrl = (id: string, format: "csv" | "json") => `${P(id)}adverse-impact/?format=${format}`;
/** The comparison as a CSV file (?format=csv): one row per candidate, the ratings as the caller may see them. */
export const comparisonCsvUrl = (id: string) => `${P(id)}comparison/?format=csv`;
