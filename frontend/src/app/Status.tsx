/** The status of an interview's analysis: a label, live progress while running, the reason on failure. */
import { useI18n, type MessageKey } from "../i18n/i18n";
import { pct as pctText } from "../report/format";
import type { InterviewSummary } from "./api";
import { ProgressBar } from "./ProgressBar";
import { failureText } from "./reasons";

export function stageLabel(stage: string, term: (k: MessageKey) => string): string {
  const key = `stage.${stage}` as MessageKey;
  const label = term(key);
  return label === key ? stage : label;
}

export function StatusCell({ interview }: { interview: InterviewSummary }) {
  const { t, lang } = useI18n();
  const { status, progress, error, job_active } = interview;
  const shown = status === "PENDING" && job_active ? "QUEUED" : status;
  const pct = Math.max(0, Math.min(100, progress?.percent ?? 0)) / 100;
  return (
    <div className={`status status-${shown.toLowerCase()}`} data-testid="status" data-status={status}>
      <span className="status-label">{t(`status.${shown}` as MessageKey)}</span>
      {status === "RUNNING" ? (
        <div className="progress-wrap">
          <ProgressBar value={100 * pct} label={t("status.RUNNING")} />
          <span className="small">
            {pctText(pct, lang)} · {t("status.stage", { stage: stageLabel(progress?.stage ?? "", t) })}
          </span>
        </div>
      ) : null}
      {status === "ERROR" && (error || interview.error_code) ? (
        <div className="status-error" data-code={interview.error_code ?? ""}>
          {t("status.errorReason", { reason: failureText(lang, interview.error_code, interview.error_params, error) })}
        </div>
      ) : null}
    </div>
  );
}
