/**
 * The DRF API client for the browser: session cookie + CSRF header (cookie `csrftoken`),
 * JSON in and out, DRF error bodies turned into one readable message.
 */
import type { Report } from "../report/types";

export type Status = "PENDING" | "RUNNING" | "DONE" | "ERROR";

export interface Progress {
  stage: string;
  /** 0-100 */
  percent: number;
}

export interface Interview {
  id: string;
  candidate_name: string;
  status: Status;
  progress: Progress;
  /** the failure in English, without internal file names or server paths (details stay in the server log) */
  error: string;
  /** stable failure code the UI translates ("" when not failed); see the `failure.*` catalogue keys */
  error_code?: string;
  error_params?: Record<string, unknown>;
  job_active: boolean;
  language: string;
  mode: string;
  duration_sec: number | null;
  scores: Report["scores"] | null;
  report_version: number;
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  video_url?: string;
  report_url?: string | null;
  original_filename?: string;
  questions?: { text: string; start?: number }[] | null;
  [key: string]: unknown;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface User {
  id: number;
  username: string;
  first_name?: string;
  last_name?: string;
  /** an administrator: sees the technical details (models, variables) of the warnings */
  is_staff?: boolean;
}

export interface ServerConfig {
  upload_max_mb: number;
  max_video_sec: number;
  default_mode: string;
  allowed_modes: string[];
  languages: string[];
  consent_required?: boolean;
  /** the text the candidate agrees to, in English (older servers: the only one) */
  consent_text?: string;
  /** the consent text in each language the candidate may read it in */
  consent_texts?: Record<string, string>;
  consent_version?: string;
  /** days after which interviews are deleted automatically (0: never) */
  retention_days?: number;
}

export interface Assessment {
  assessment: string;
  decision: string;
  decided_by?: string | null;
  decided_at?: string | null;
}

/** One criterion of a rubric (interview_ai_lab/text/rubrics.py): `weight` is relative (≥ 0). */
export interface Criterion {
  id: string;
  name: string;
  description: string;
  weight: number;
  /** word starts that signal the criterion (any language) */
  keywords?: string[];
  examples?: string[];
  [key: string]: unknown;
}

export interface RubricDefinition {
  criteria: Criterion[];
  question?: string;
  language?: string;
  question_type?: string;
  [key: string]: unknown;
}

/** The current rubric of one question of an interview (one stored version). */
export interface QuestionRubric {
  /** the question's number as the server gives it (1-based, as report.questions[].index) */
  question_index: number;
  question: string;
  /** 0: no rubric yet */
  version: number;
  rubric: RubricDefinition;
  created_by?: string | null;
  created_at?: string | null;
  source?: string;
  [key: string]: unknown;
}

export interface AuditEvent {
  at: string;
  user: string | null;
  action: string;
  detail?: string | Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface BlurState {
  /** "" (never asked) | PENDING | RUNNING | DONE | ERROR */
  status: string;
  error?: string;
  url?: string | null;
  progress?: number | null;
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

export const api = {
  csrf: () => request<{ csrfToken: string; user?: User | null }>("/api/auth/csrf/"),
  me: () => request<User>("/api/auth/me/"),
  login: (username: string, password: string) => request<User>("/api/auth/login/", { method: "POST", json: { username, password } }),
  logout: () => request<void>("/api/auth/logout/", { method: "POST" }),
  config: () => request<ServerConfig>("/api/config/"),
  list: (page = 1) => request<Page<Interview>>(`/api/interviews/?page=${page}`),
  get: (id: string) => request<Interview>(`/api/interviews/${encodeURIComponent(id)}/`),
  analyze: (id: string) => request<Interview>(`/api/interviews/${encodeURIComponent(id)}/analyze/`, { method: "POST", json: {} }),
  report: (id: string) => request<Report>(`/api/interviews/${encodeURIComponent(id)}/report/`),
  remove: (id: string) => request<void>(`/api/interviews/${encodeURIComponent(id)}/`, { method: "DELETE" }),
  /** The questions with their current rubric (GET …/questions/). */
  rubrics: (id: string) => request<unknown>(`/api/interviews/${encodeURIComponent(id)}/questions/`).then(rubricList),
  /** A new version of question `index`'s rubric (1-based) → 201 the stored version. */
  saveRubric: (id: string, index: number, rubric: RubricDefinition) =>
    request<unknown>(`/api/interviews/${encodeURIComponent(id)}/questions/${index}/rubric/`, { method: "PUT", json: { rubric } }).then(rubricItem),
  rubricVersions: (id: string, index: number) =>
    request<unknown>(`/api/interviews/${encodeURIComponent(id)}/questions/${index}/rubric/versions/`).then(rubricList),
  blur: (id: string) => request<unknown>(`/api/interviews/${encodeURIComponent(id)}/blur/`, { method: "POST", json: {} }),
  audit: (id: string) => request<unknown>(`/api/interviews/${encodeURIComponent(id)}/audit/`).then(auditList),
  /** Without `decision`, the text only (a position's reviewer writes an assessment but does not decide). */
  saveAssessment: (id: string, a: Pick<Assessment, "assessment"> & Partial<Pick<Assessment, "decision">>) =>
    request<Assessment>(`/api/interviews/${encodeURIComponent(id)}/assessment/`, { method: "PATCH", json: a }),
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

function results(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    for (const k of ["results", "rubrics", "questions", "versions", "events", "audit"]) if (Array.isArray(o[k])) return o[k] as unknown[];
  }
  return [];
}

/**
 * One question's rubric from the API: a row of `…/questions/` (`{index, text, rubric, rubric_version,
 * rubric_source, rubric_updated_at, rubric_updated_by}`) or a stored version (`{question_index,
 * question_text, version, source, rubric, created_by, created_at}`).
 */
export function rubricItem(body: unknown): QuestionRubric {
  const o = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const raw = (o.rubric ?? o.definition ?? null) as RubricDefinition | null;
  const def: RubricDefinition = raw && typeof raw === "object" ? raw : { criteria: [] };
  const question = o.question_text ?? o.text ?? (typeof o.question === "string" ? o.question : def.question) ?? "";
  const version = o.version ?? o.rubric_version ?? null;
  return {
    ...o,
    question_index: Number(o.question_index ?? o.index ?? 1),
    question: String(question),
    version: version == null ? 0 : Number(version),
    rubric: { ...def, criteria: Array.isArray(def.criteria) ? def.criteria : [] },
    source: String(o.source ?? o.rubric_source ?? ""),
    created_by: (o.created_by ?? o.rubric_updated_by ?? null) as string | null,
    created_at: (o.created_at ?? o.rubric_updated_at ?? null) as string | null,
  };
}

export const rubricList = (body: unknown): QuestionRubric[] => results(body).map(rubricItem);

export function auditList(body: unknown): AuditEvent[] {
  return results(body).map((b) => {
    const o = (b && typeof b === "object" ? b : {}) as Record<string, unknown>;
    const user = o.actor_username ?? o.user ?? o.username ?? (typeof o.actor === "string" ? o.actor : null) ?? null;
    return {
      ...o,
      at: String(o.at ?? o.created_at ?? o.timestamp ?? ""),
      user: user && typeof user === "object" ? String((user as Record<string, unknown>).username ?? "") : (user as string | null),
      action: String(o.action ?? o.event ?? ""),
      detail: (o.detail ?? o.details ?? null) as AuditEvent["detail"],
    };
  });
}

/** The face-blurring state of an interview from its detail (nested `blur` or flat `blur_*` fields). */
export function blurState(iv: Interview): BlurState {
  const b = iv.blur as Record<string, unknown> | null | undefined;
  if (b && typeof b === "object") {
    return {
      status: String(b.status ?? ""),
      error: String(b.error ?? ""),
      url: (b.url ?? b.video_url ?? null) as string | null,
      progress: (b.progress ?? b.percent ?? null) as number | null,
    };
  }
  return {
    status: String(iv.blur_status ?? ""),
    error: String(iv.blur_error ?? ""),
    url: (iv.blurred_video_url ?? null) as string | null,
    progress: null,
  };
}
