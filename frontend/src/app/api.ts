/**
 * The DRF API client for the browser: session cookie + CSRF header (cookie `csrftoken`),
 * JSON in and out, DRF error bodies turned into one readable message.
 */
import type { Report } from "../report/types";
import type { components } from "./api.generated";

/**
 * The API's answers, typed from its OpenAPI schema (docs/openapi.json → api.generated.ts, `npm run types:api`):
 * a field the server does not declare is not here, so the pages read only what it sends.
 */
type Schemas = components["schemas"];

/** An interview as its detail (GET /api/interviews/{id}/, and the upload, analyse and blur answers) gives it. */
export type Interview = Schemas["InterviewDetail"];
/** An interview in the list (GET /api/interviews/): its scores, no report. */
export type InterviewSummary = Schemas["InterviewList"];
export type Status = Interview["status"];
export type Progress = Schemas["Progress"];
/** A page of the interview list: `count` in all, the links to the previous and next pages. */
export type InterviewListPage = Schemas["PaginatedInterviewListList"];
export type User = Schemas["User"];
export type ServerConfig = Schemas["Config"];
export type Assessment = Schemas["Assessment"];
export type AuditEvent = Schemas["AuditEvent"];
/** A rubric: its criteria (`weight` relative, ≥ 0), and the question and language it was made for. */
export type RubricDefinition = Schemas["Rubric"];
export type Criterion = Schemas["RubricCriterion"];
/** One stored version of a question's rubric (PUT and GET …/questions/{index}/rubric/, …/versions/). */
export type RubricVersion = Schemas["RubricVersion"];
/** A question of an interview with its current rubric (GET …/questions/). */
export type QuestionRubricRow = Schemas["QuestionRubricRow"];
/** One stored version of a position's question rubric. */
export type PositionRubric = Schemas["PositionRubric"];

/** The current rubric of one question, as the rubric editor reads it (from any of the three answers above). */
export interface QuestionRubric {
  /** the question's number (1-based, as report.questions[].index) */
  question_index: number;
  question: string;
  /** 0: no rubric yet */
  version: number;
  rubric: RubricDefinition;
  created_by: string | null;
  created_at: string | null;
  /** how the rubric was made ("" before there is one) */
  source: RubricVersion["source"] | "";
}

/** The face-blurring state of an interview. */
export interface BlurState {
  /** "" (never asked) | PENDING | RUNNING | DONE | ERROR */
  status: string;
  error: string;
  url: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The value of cookie `name` (or ""). */
export function cookie(name: string): string {
  for (const part of document.cookie ? document.cookie.split(";") : []) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return "";
}

/** One readable sentence from a DRF error body: `{detail}`, `{field: [msg]}` or a list. */
export function errorMessage(body: unknown, fallback: string): string {
  if (!body) return fallback;
  if (typeof body === "string") return body.length < 300 ? body : fallback;
  if (Array.isArray(body)) return body.map((b) => errorMessage(b, "")).filter(Boolean).join(" ") || fallback;
  if (typeof body === "object") {
    const obj = body as Record<string, unknown>;
    if (typeof obj.detail === "string") return obj.detail;
    const parts = Object.entries(obj).map(([k, v]) => {
      const msg = errorMessage(v, "");
      return k === "non_field_errors" ? msg : `${k}: ${msg}`;
    });
    return parts.filter(Boolean).join(" ") || fallback;
  }
  return fallback;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A response body's JSON, or null when it is empty or not JSON (an HTML error page). */
function jsonOrNull(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export async function request<T>(path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  if (UNSAFE.has(method)) headers["X-CSRFToken"] = cookie("csrftoken");
  let resp: Response;
  try {
    resp = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "network");
  }
  if (resp.status === 204) return undefined as T;
  const body = jsonOrNull(await resp.text());
  if (!resp.ok) throw new ApiError(resp.status, errorMessage(body, `HTTP ${resp.status}`), body);
  return body as T;
}

const I = (id: string) => `/api/interviews/${encodeURIComponent(id)}/`;

export const api = {
  csrf: () => request<Schemas["Csrf"]>("/api/auth/csrf/"),
  me: () => request<User>("/api/auth/me/"),
  login: (username: string, password: string) => request<User>("/api/auth/login/", { method: "POST", json: { username, password } }),
  logout: () => request<void>("/api/auth/logout/", { method: "POST" }),
  config: () => request<ServerConfig>("/api/config/"),
  list: (page = 1) => request<InterviewListPage>(`/api/interviews/?page=${page}`),
  get: (id: string) => request<Interview>(I(id)),
  analyze: (id: string) => request<Interview>(`${I(id)}analyze/`, { method: "POST", json: {} }),
  report: (id: string) => request<Report>(`${I(id)}report/`),
  remove: (id: string) => request<void>(I(id), { method: "DELETE" }),
  /** The questions with their current rubric (GET …/questions/). */
  rubrics: (id: string) => request<QuestionRubricRow[]>(`${I(id)}questions/`).then((rows) => rows.map(rubricItem)),
  /** A new version of question `index`'s rubric (1-based) → 201 the stored version. */
  saveRubric: (id: string, index: number, rubric: RubricDefinition) =>
    request<RubricVersion>(`${I(id)}questions/${index}/rubric/`, { method: "PUT", json: { rubric } }).then(rubricItem),
  rubricVersions: (id: string, index: number) =>
    request<RubricVersion[]>(`${I(id)}questions/${index}/rubric/versions/`).then((rows) => rows.map(rubricItem)),
  blur: (id: string) => request<Interview>(`${I(id)}blur/`, { method: "POST", json: {} }),
  audit: (id: string) => request<AuditEvent[]>(`${I(id)}audit/`),
  /** The deciders' notes and decision (recruiters and administrators; a position's reviewer is refused 403 `reviewer_uses_scorecard`). */
  saveAssessment: (id: string, a: Pick<Assessment, "assessment"> & Partial<Pick<Assessment, "decision">>) =>
    request<Assessment>(`${I(id)}assessment/`, { method: "PATCH", json: a }),
};

export interface UploadFields {
  video: File;
  candidate_name: string;
  language?: string;
  mode?: string;
  questions?: { text: string }[];
  consent?: boolean;
  consent_version?: string;
  /** the language of the consent text the candidate read (fr | en) */
  consent_language?: string;
  /** the position (uuid) the interview is for: its questions, rubrics, weights, mode and retention apply */
  position?: string;
}

/**
 * Upload a video with XHR (fetch has no upload progress): `onProgress(fraction 0-1)`.
 * Resolves with the created interview; rejects with an ApiError.
 */
export function uploadInterview(fields: UploadFields, onProgress: (fraction: number) => void): { promise: Promise<Interview>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Interview>((resolve, reject) => {
    const form = new FormData();
    form.append("candidate_name", fields.candidate_name);
    if (fields.position) form.append("position", fields.position);
    if (fields.language) form.append("language", fields.language);
    if (fields.mode) form.append("mode", fields.mode);
    if (fields.questions && fields.questions.length) form.append("questions", JSON.stringify(fields.questions));
    if (fields.consent !== undefined) form.append("consent", fields.consent ? "true" : "false");
    if (fields.consent && fields.consent_version) form.append("consent_version", fields.consent_version);
    if (fields.consent && fields.consent_language) form.append("consent_language", fields.consent_language);
    form.append("video", fields.video, fields.video.name);
    xhr.open("POST", "/api/interviews/");
    xhr.withCredentials = true;
    xhr.setRequestHeader("X-CSRFToken", cookie("csrftoken"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = jsonOrNull(xhr.responseText);
      if (xhr.status === 201) {
        onProgress(1);
        resolve(body as Interview);
      } else {
        reject(new ApiError(xhr.status, errorMessage(body, `HTTP ${xhr.status}`), body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network"));
    xhr.onabort = () => reject(new ApiError(0, "aborted"));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** URL of the GDPR export (a download) of one interview. */
export const exportUrl = (id: string) => `/api/interviews/${encodeURIComponent(id)}/export/`;

const SOURCES: RubricVersion["source"][] = ["generated", "given", "edited"];

/**
 * One question's rubric as the editor reads it, from a row of `…/questions/` (`{index, text, rubric,
 * rubric_version, rubric_source, rubric_updated_at, rubric_updated_by}`) or a stored version
 * (`{question_index, question_text?, version, source, rubric, created_by, created_at}`).
 */
export function rubricItem(r: QuestionRubricRow | RubricVersion | PositionRubric): QuestionRubric {
  const row = "index" in r ? r : null;
  const rubric = (row ? row.rubric : (r as RubricVersion | PositionRubric).rubric) ?? null;
  const def: RubricDefinition = rubric && typeof rubric === "object" ? rubric : { criteria: [] };
  if (row) {
    return {
      question_index: row.index,
      question: row.text,
      version: row.rubric_version ?? 0,
      rubric: { ...def, criteria: Array.isArray(def.criteria) ? def.criteria : [] },
      source: SOURCES.find((s) => s === row.rubric_source) ?? "",
      created_by: row.rubric_updated_by,
      created_at: row.rubric_updated_at,
    };
  }
  const v = r as RubricVersion | PositionRubric;
  return {
    question_index: v.question_index,
    question: "question_text" in v ? v.question_text : (def.question ?? ""),
    version: v.version,
    rubric: { ...def, criteria: Array.isArray(def.criteria) ? def.criteria : [] },
    source: v.source,
    created_by: v.created_by ?? null,
    created_at: v.created_at ?? null,
  };
}

/** The face-blurring state of an interview from its detail. */
export function blurState(iv: Interview): BlurState {
  return { status: String(iv.blur_status ?? ""), error: String(iv.blur_error ?? ""), url: iv.blurred_video_url ?? null };
}
