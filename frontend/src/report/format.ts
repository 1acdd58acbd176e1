/** Number and time formatting for the report (locale-aware: "1,5" in French, "1.5" in English). */
import type { Lang } from "../i18n/messages";

const LOCALES: Record<Lang, string> = { fr: "fr-FR", en: "en-GB" };

/** `m:ss` (or `h:mm:ss`) for a time in seconds; "–" for a missing value. */
export function clock(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** A number with at most `digits` decimals in the UI language. */
export function num(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return "–";
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value);
}

/** A 0–1 share as a percentage ("72 %"). */
export function pct(share: number | null | undefined, lang: Lang, digits = 0): string {
  if (share == null || !Number.isFinite(share)) return "–";
  return new Intl.NumberFormat(LOCALES[lang], { style: "percent", maximumFractionDigits: digits }).format(share);
}

/** A duration in seconds as "47,6 s" or "2 min 05 s". */
export function duration(seconds: number | null | undefined, lang: Lang): string {
  if (seconds == null || !Number.isFinite(seconds)) return "–";
  if (seconds < 60) return `${num(seconds, lang, 1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

/** A file size in bytes as "12,3 Mo" / "12.3 MB". */
export function bytes(size: number, lang: Lang): string {
  const units = lang === "fr" ? ["o", "Ko", "Mo", "Go"] : ["B", "KB", "MB", "GB"];
  let v = size;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${num(v, lang, i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A date-time string in the UI language. */
export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short" }).format(d);
}

/** Any measured value shown in a table: numbers rounded, shares kept, null as "–". */
export function value(v: unknown, lang: Lang): string {
  if (v == null) return "–";
  if (typeof v === "number") return num(v, lang, Math.abs(v) < 10 ? 2 : 1);
  if (typeof v === "boolean") return v ? "✓" : "✗";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
