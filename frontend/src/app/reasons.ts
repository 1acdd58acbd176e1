/**
 * Failure reasons and refused uploads in the reader's language. The API gives a stable
 * `error_code` (+ `error_params`) beside its English sentence; the UI translates the code and
 * falls back to that sentence (never holding an internal file name or a server path) otherwise.
 */
import { hasKey, translate } from "../i18n/i18n";
import type { Lang, MessageKey } from "../i18n/messages";
import { formatParams } from "../report/localise";
import { ApiError } from "./api";

const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

function fromCatalogue(lang: Lang, key: string, params: Record<string, unknown> | null | undefined): string | null {
  if (!hasKey(key)) return null;
  const filled = formatParams(params, lang);
  if (vars(translate(lang, key as MessageKey)).some((v) => !(v in filled))) return null;
  return translate(lang, key as MessageKey, filled);
}

/** Why an analysis failed: `failure.<code>` translated, else the server's sentence. */
export function failureText(lang: Lang, code: string | null | undefined, params: Record<string, unknown> | null | undefined, fallback: string): string {
  return (code && fromCatalogue(lang, `failure.${code}`, params)) || (code ? translate(lang, "failure.failed") : fallback) || fallback;
}

/** A refused request (upload, analyse…) in words: `uploadError.<error_code>`, else the server's message. */
export function apiErrorText(lang: Lang, err: unknown): string {
  if (err instanceof ApiError) {
    const body = (err.body && typeof err.body === "object" ? err.body : {}) as Record<string, unknown>;
    const code = typeof body.error_code === "string" ? body.error_code : "";
    const params = (body.error_params && typeof body.error_params === "object" ? body.error_params : {}) as Record<string, unknown>;
    if (code) return fromCatalogue(lang, `uploadError.${code}`, params) ?? fromCatalogue(lang, `failure.${code}`, params) ?? err.message;
    if (err.status === 0) return translate(lang, "common.network");
    if (err.status === 429) return translate(lang, "common.tooMany");
    if (err.status >= 500) return translate(lang, "common.serverError");
    return err.message;
  }
  return String(err);
}
