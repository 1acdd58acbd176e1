/** The status of an interview's analysis: a label, live progress while running, the reason on failure. */
import { useI18n, type MessageKey } from "../i18n/i18n";
import { num } from "../report/format";
import type { Interview } from "./api";

export function stageLabel(stage: string, term: (k: MessageKey) => string): string {
  const key = `stage.${stage}` as MessageKey;
  const label = term(key);
  return label === key ? stage : label;
}

export function StatusCell({ interview }: { interview: Interview }) {
  const { t, lang } = useI18n();
  const { status, progress, error, job_active } = interview;
  const shown = status === "PENDING" && job_active ? "QUEUED" : status;
  const pct = Math.max(0, Math.min(100, progress?.percent ?? 0));
  return (
    <div className={`status status-${shown.toLowerCase()}`} data-testid="status" data-status={status}>
      <span className="status-label">{t(`status.${shown}` as MessageKey)}</span>
      {status === "RUNNING" ? (
        <div className="progress-wrap">
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(pct)}
            aria-label={t("status.RUNNING")}
          >
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="small">
            {num(pct, lang, 0)} % · {t("status.stage", { stage: stageLabel(progress?.stage ?? "", t) })}
          </span>
        </div>
      ) : null}
      {status === "ERROR" && error ? <div className="status-error">{t("status.errorReason", { reason: error })}</div> : null}
    </div>
  );
}
