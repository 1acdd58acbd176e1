/** Test helpers: a stand-in for the server (fetch answered by "METHOD path") and a finished interview as the API returns it. */
import { vi } from "vitest";
import type { Interview } from "../app/api";

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

/** The analysed interview "abc" of Claire Martin (12 s, French, recruitment mode) as GET /api/interviews/abc/ returns it, with `extra`. */
export function doneInterview(extra: Partial<Interview> = {}): Interview {
  return {
    id: "abc",
    candidate_name: "Claire Martin",
    status: "DONE",
    progress: { stage: "done", percent: 100 },
    error: "",
    job_active: false,
    language: "fr",
    mode: "recruitment",
    duration_sec: 12,
    scores: null,
    report_version: 1,
    created_at: "2026-11-25T10:00:00Z",
    video_url: "/api/interviews/abc/video/",
    ...extra,
  };
}
