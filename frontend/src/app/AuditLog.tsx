/** The audit log of one interview: who viewed or changed what, and when (newest first). */
import { useCallback, useEffect, useState } from "react";
import { useI18n, type MessageKey } from "../i18n/i18n";
import { MESSAGES } from "../i18n/messages";
import { dateTime } from "../report/format";
import { api, type AuditEvent } from "./api";
import { useOptionalResource } from "./useOptionalResource";

/** The action in the UI language when known (`report.view` → "a consulté le rapport"), else as sent. */
export function actionLabel(action: string, t: (k: MessageKey) => string, known: Set<string>): string {
  const key = `audit.action.${action}` as MessageKey;
  return known.has(key) ? t(key) : action.replace(/[._]/g, " ");
}

/** A detail's value in words where it is a code: a mode, a decision, a language. */
function valueText(k: string, v: string, t: (k: MessageKey) => string, known: Set<string>): string {
  const key = (
    k === "mode" ? `meta.mode.${v}` : k === "decision" ? `assess.decision.${v || "none"}` : k === "language" || k === "consent_language" ? `audit.lang.${v}` : ""
  ) as MessageKey;
  return key && known.has(key) ? t(key) : v;
}

/** The event's details in words: known keys translated (`version: 2` → "version 2"), booleans as yes/no. */
export function detailText(d: AuditEvent["details"], t: (k: MessageKey, vars?: Record<string, string | number>) => string, known: Set<string>): string {
  if (d == null || d === "") return "";
  if (typeof d === "string") return d;
  if (typeof d !== "object") return String(d);
  return Object.entries(d)
    .filter(([k, v]) => v != null && v !== "" && k !== "video_size")
    .map(([k, v]) => {
      const value = typeof v === "boolean" ? t(v ? "audit.yes" : "audit.no") : typeof v === "object" ? JSON.stringify(v) : valueText(k, String(v), t, known);
      const key = `audit.detail.${k}` as MessageKey;
      return known.has(key) ? t(key, { v: value }) : `${k}: ${value}`;
    })
    .join(" · ");
}

export function AuditPanel({ interviewId, refreshKey }: { interviewId: string; refreshKey?: unknown }) {
  const { t, lang } = useI18n();
  const fetchAudit = useCallback(() => api.audit(interviewId), [interviewId]);
  const { data: events, state, error, load } = useOptionalResource<AuditEvent[]>(fetchAudit);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open) void load();
  }, [open, load, refreshKey]);

  if (state === "absent") return null;
  const known = new Set(Object.keys(MESSAGES.fr));
  return (
    <details className="card wide audit no-print" data-testid="audit" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>{t("audit.title")}</h2>
      </summary>
      <p className="hint">{t("audit.hint")}</p>
      {state === "error" ? (
        <p className="form-error" role="alert">
          {t("common.error", { message: error ?? "" })}
        </p>
      ) : state === "loading" || !events ? (
        <p>{t("common.loading")}</p>
      ) : !events.length ? (
        <p className="muted">{t("audit.empty")}</p>
      ) : (
        <table className="list audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((ev, i) => (
              <tr key={i} data-testid="audit-row" data-action={ev.action}>
                <td className="num">{dateTime(ev.created_at, lang)}</td>
                <td>{ev.actor || t("audit.system")}</td>
                <td>
                  {actionLabel(ev.action, t, known)}
                  {detailText(ev.details, t, known) ? <div className="small muted">{detailText(ev.details, t, known)}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => void load()}>
        {t("audit.refresh")}
      </button>
    </details>
  );
}
