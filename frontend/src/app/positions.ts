/**
 * The positions API (organisations, positions, their rubrics, the comparison of candidates, the
 * adverse-impact report, the candidates' self-declared demographics), typed after the shared contract.
 */
import type { IncompleteReason, Measured } from "../report/types";
import { request, rubricItem, type QuestionRubric, type RubricDefinition, type ServerConfig } from "./api";

export type OrgRole = "admin" | "recruiter" | "reviewer";
export type PositionLanguage = "fr" | "en" | "auto";

export interface Organisation {
  id: string;
  name: string;
  role: OrgRole;
}

export interface PositionQuestion {
  text: string;
  /** relative weight of the question in the verbal part (> 0, default 1) */
  weight: number;
}

/** One stored version of a question's rubric (`question_index` is 1-based). */
export interface PositionRubric {
  question_index: number;
  version: number;
  rubric: RubricDefinition;
  source: string;
  created_by: string | null;
  created_at: string | null;
}

export interface Position {
  id: string;
  organisation: string;
  title: string;
  language: PositionLanguage;
  description: string;
  questions: PositionQuestion[];
  /** the parts' maximum points, "verbal=40,paraverbal=20,nonverbal=40" (the CLI's --weights) */
  weights: string;
  /** days after which the position's interviews are deleted (0: never) */
  retention_days: number;
  mode: "recruitment" | "coaching";
  reviewers: string[];
  /** the caller's role in the position's organisation */
  role: OrgRole;
  interview_count: number;
  /** the latest version per question */
  rubrics: PositionRubric[];
  created_at: string;
  updated_at: string;
}

/** The fields a recruiter writes (POST / PATCH). */
export type PositionFields = Pick<Position, "title" | "language" | "description" | "questions" | "weights" | "retention_days" | "mode"> & {
  organisation?: string;
};

export interface ComparisonAnswer {
  index: number;
  /** 0-1 share of the rubric's criteria the answer covers */
  coverage: number | null;
  /** 0-100 */
  rubric_score: number | null;
  answer_score: number | null;
  /** seconds into the video */
  start: number | null;
  end: number | null;
  evidence: string[];
  /** "/interviews/<id>?t=<start>&q=<index>" */
  link: string;
}

export interface ComparisonRow {
  interview: string;
  candidate_name: string;
  status: string;
  created_at: string;
  scores: { verbal: number | null; paraverbal: number | null; nonverbal: number | null; total: number | null };
  measured: Measured | null;
  complete: boolean;
  incomplete_reasons: IncompleteReason[];
  /** 1 = best total among complete rows; null when incomplete or not analysed */
  rank: number | null;
  questions: ComparisonAnswer[];
  decision: string;
  decided_by: string | null;
  decided_at: string | null;
  report_version: number;
  rubric_versions: Record<string, number> | null;
  /** scored with an older rubric version than the position's current one */
  stale_rubric: boolean;
}

export interface Comparison {
  position: string;
  questions: { index: number; text: string }[];
  rubric_versions: Record<string, number>;
  median_total: number | null;
  rows: ComparisonRow[];
  disclaimer?: string;
}

export interface ImpactGroup {
  group: string;
  n: number;
  scored_n: number;
  above_median: number;
  scoring_rate: number | null;
  scoring_impact_ratio: number | null;
  decided_n: number;
  selected: number;
  selection_rate: number | null;
  selection_impact_ratio: number | null;
  /** fewer than min_group_size: every rate and ratio is null */
  too_few: boolean;
  four_fifths_flag: boolean | null;
}

export interface ImpactCategory {
  category: string;
  unknown: number;
  groups: ImpactGroup[];
}

export interface AdverseImpact {
  position: string;
  method: string;
  min_group_size: number;
  median_total: number | null;
  candidates: number;
  categories: ImpactCategory[];
}

/** What GET …/demographics/ tells: whether a declaration exists, never its values. */
export interface DemographicsState {
  declared: boolean;
  consent_at: string | null;
}

/**
 * The categories and values a candidate may declare, "" = prefers not to say: the server's
 * (`demographic_categories` of /api/config/; none before the configuration has loaded).
 */
export function demographicCategories(config: ServerConfig | null | undefined): Record<string, string[]> {
  const c = (config as Record<string, unknown> | null | undefined)?.demographic_categories;
  const out: Record<string, string[]> = {};
  if (c && typeof c === "object" && !Array.isArray(c)) {
    for (const [k, v] of Object.entries(c as Record<string, unknown>)) if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

/** Whether the role may change positions, upload, analyse and decide. */
export const canManage = (role: OrgRole | string | null | undefined): boolean => role === "admin" || role === "recruiter";

function list<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const o = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  for (const k of ["results", "rubrics", "versions"]) if (Array.isArray(o[k])) return o[k] as T[];
  return [];
}

/** A position from the API with every list present (older or partial answers read as well). */
export function positionOf(body: unknown): Position {
  const o = (body && typeof body === "object" ? body : {}) as Partial<Position>;
  return {
    ...(o as Position),
    questions: Array.isArray(o.questions) ? o.questions.map((q) => ({ text: String(q.text ?? ""), weight: Number(q.weight ?? 1) })) : [],
    reviewers: Array.isArray(o.reviewers) ? o.reviewers.map(String) : [],
    rubrics: Array.isArray(o.rubrics) ? o.rubrics : [],
    description: String(o.description ?? ""),
    weights: String(o.weights ?? ""),
    retention_days: Number(o.retention_days ?? 0),
    interview_count: Number(o.interview_count ?? 0),
  };
}

/** A position's rubric as the rubric editor reads it (the question's text from the position). */
export function positionRubricItem(position: Position, r: PositionRubric): QuestionRubric {
  const item = rubricItem(r);
  return { ...item, question: position.questions[r.question_index - 1]?.text ?? item.question };
}

const enc = encodeURIComponent;
const P = (id: string) => `/api/positions/${enc(id)}/`;

export const positionsApi = {
  organisations: () => request<unknown>("/api/organisations/").then((b) => list<Organisation>(b)),
  list: () => request<unknown>("/api/positions/").then((b) => list<unknown>(b).map(positionOf)),
  get: (id: string) => request<unknown>(P(id)).then(positionOf),
  create: (fields: PositionFields) => request<unknown>("/api/positions/", { method: "POST", json: fields }).then(positionOf),
  update: (id: string, fields: Partial<PositionFields>) => request<unknown>(P(id), { method: "PATCH", json: fields }).then(positionOf),
  remove: (id: string) => request<void>(P(id), { method: "DELETE" }),
  addReviewer: (id: string, username: string) => request<unknown>(`${P(id)}reviewers/`, { method: "POST", json: { username } }),
  removeReviewer: (id: string, username: string) => request<void>(`${P(id)}reviewers/${enc(username)}/`, { method: "DELETE" }),
  /** Every stored version of every question's rubric. */
  rubrics: (id: string) => request<unknown>(`${P(id)}rubrics/`).then((b) => list<PositionRubric>(b)),
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
