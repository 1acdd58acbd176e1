/**
 * The candidate page's API (/api/candidate/…): the invitation link's token goes in the `X-Invitation-Token`
 * header, never in a URL the server sees; no cookie, no account. Typed from the OpenAPI schema.
 */
import type { components } from "../app/api.generated";

type Schemas = components["schemas"];
export type Session = Schemas["CandidateSession"];
export type SessionQuestion = Schemas["CandidateQuestion"];
export type SessionTake = Schemas["CandidateTake"];
export type RefusalCode = Schemas["LinkRefusalEnum"];

export const TOKEN_HEADER = "X-Invitation-Token";
export const UPLOADS = "/api/candidate/uploads/";

/** A refused request: `status` (0: no answer), the API's `code` and, for a link that opens nothing, its language. */
export class CandidateError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly language: string = "",
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "CandidateError";
  }

  /** The link opens nothing: forged or unknown (404, whatever its body), expired or revoked (410). */
  get refused(): RefusalCode | null {
    if (this.status === 404) return "invalid";
    return this.status === 410 && ["expired", "revoked"].includes(this.code) ? (this.code as RefusalCode) : null;
  }
}

async function call(token: string, path: string, method = "GET"): Promise<Session> {
  let resp: Response;
  try {
    resp = await fetch(path, { method, headers: { Accept: "application/json", [TOKEN_HEADER]: token }, credentials: "omit" });
  } catch {
    throw new CandidateError(0, "network");
  }
  let body: Record<string, unknown> = {};
  try {
    body = (await resp.json()) as Record<string, unknown>;
  } catch {
    /* an empty or HTML body */
  }
  if (!resp.ok) {
    throw new CandidateError(
      resp.status,
      String(body.code ?? (resp.status === 429 ? "throttled" : "error")),
      String(body.language ?? ""),
      (body.params as Record<string, unknown>) ?? {},
    );
  }
  return body as unknown as Session;
}

export const candidateApi = {
  session: (token: string) => call(token, "/api/candidate/session/"),
  consent: (token: string) => call(token, "/api/candidate/consent/", "POST"),
  choose: (token: string, takeId: string) => call(token, `/api/candidate/takes/${encodeURIComponent(takeId)}/choose/`, "POST"),
  submit: (token: string) => call(token, "/api/candidate/submit/", "POST"),
};

/** The invitation token of a page address (`#/invitation/<token>`), or null. */
export function tokenOf(hash: string): string | null {
  const m = hash.match(/^#\/invitation\/([A-Za-z0-9_-]{10,200})\/?$/);
  return m ? m[1] : null;
}
