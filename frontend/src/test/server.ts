/** Test helpers: a stand-in for the server (fetch answered by "METHOD path") and a finished interview as the API returns it. */
import { vi } from "vitest";
import type { Interview, ServerConfig } from "../app/api";

/** One route's answer to the request's JSON body: [HTTP status, JSON body]. */
export type Route = (body: unknown) => [number, unknown];

/** A stand-in for the server in component tests: answers by "METHOD path" (404 otherwise), records each call. */
export function serve(routes: Record<string, Route>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      const path = String(input);
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      const handler = routes[`${method} ${path}`];
      const [status, out] = handler ? handler(body) : [404, { detail: "Not found." }];
      return new Response(status === 204 ? null : JSON.stringify(out), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

/** An interview as GET /api/interviews/{id}/ answers for a new upload (every field the API declares), with `extra`. */
export function apiInterview(extra: Partial<Interview> = {}): Interview {
  return {
    id: "abc",
    candidate_name: "Claire Martin",
    status: "PENDING",
    progress: { stage: "", percent: 0 },
    error: "",
    error_code: "",
    error_params: {},
    job_active: false,
    language: "fr",
    mode: "recruitment",
    duration_sec: 12,
    scores: null,
    report_version: 0,
    created_at: "2026-11-25T10:00:00Z",
    started_at: null,
    finished_at: null,
    position: null,
    questions: null,
    options: {},
    original_filename: "entretien.mp4",
    video_size: 1_000_000,
    media_info: null,
    analysis_sec: null,
    attempts: 0,
    queued_at: null,
    updated_at: "2026-11-25T10:00:00Z",
    report_versions: [],
    video_url: "/api/interviews/abc/video/",
    report_url: null,
    assessment: "",
    decision: "",
    decided_by: null,
    decided_at: null,
    consent: true,
    consent_at: null,
    consent_version: "",
    consent_language: "",
    expires_at: null,
    blur_status: "",
    blur_error: "",
    blur_error_code: "",
    blur_requested_at: null,
    blur_finished_at: null,
    blurred_video_url: null,
    rubric_versions: null,
    assessment_by: null,
    assessment_at: null,
    assessment_history: [],
    ...extra,
  };
}

/** The analysed interview "abc" of Claire Martin (12 s, French, recruitment mode) as GET /api/interviews/abc/ returns it, with `extra`. */
export function doneInterview(extra: Partial<Interview> = {}): Interview {
  return apiInterview({
    status: "DONE",
    progress: { stage: "done", percent: 100 },
    report_version: 1,
    report_url: "/api/interviews/abc/report/",
    ...extra,
  });
}

/** The server's configuration as GET /api/config/ answers it (every field the API declares), with `extra`. */
export function apiConfig(extra: Partial<ServerConfig> = {}): ServerConfig {
  return {
    upload_max_mb: 500,
    max_video_sec: 1800,
    default_mode: "recruitment",
    allowed_modes: ["recruitment", "coaching"],
    languages: ["auto", "fr", "en"],
    consent_required: false,
    consent_text: "",
    consent_texts: {},
    consent_version: "",
    retention_days: 0,
    demographic_categories: {},
    impact_min_group: 5,
    ...extra,
  };
}
