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
  error: string;
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
}

export interface ServerConfig {
  upload_max_mb: number;
  max_video_sec: number;
  default_mode: string;
  allowed_modes: string[];
  languages: string[];
}

export interface Assessment {
  assessment: string;
  decision: string;
  decided_by?: string | null;
  decided_at?: string | null;
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
  const text = await resp.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
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
  saveAssessment: (id: string, a: Pick<Assessment, "assessment" | "decision">) =>
    request<Assessment>(`/api/interviews/${encodeURIComponent(id)}/assessment/`, { method: "PATCH", json: a }),
};

export interface UploadFields {
  video: File;
  candidate_name: string;
  language?: string;
  mode?: string;
  questions?: { text: string }[];
  consent?: boolean;
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
    if (fields.language) form.append("language", fields.language);
    if (fields.mode) form.append("mode", fields.mode);
    if (fields.questions && fields.questions.length) form.append("questions", JSON.stringify(fields.questions));
    if (fields.consent !== undefined) form.append("consent", fields.consent ? "true" : "false");
    form.append("video", fields.video, fields.video.name);
    xhr.open("POST", "/api/interviews/");
    xhr.withCredentials = true;
    xhr.setRequestHeader("X-CSRFToken", cookie("csrftoken"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
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
