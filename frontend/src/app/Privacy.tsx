/**
 * The candidate's data (GDPR): consent and retention, the face-blurred copy of the video, the
 * export of everything held about the candidate, and the delete of everything.
 */
import { useState } from "react";
import { useI18n, type MessageKey } from "../i18n/i18n";
import { ofName } from "../i18n/grammar";
import { dateTime } from "../report/format";
import { apiErrorText, failureText } from "./reasons";
import { api, ApiError, blurState, exportUrl, type Interview } from "./api";

const dateOnly = (iso: string, lang: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(lang === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
};

export function PrivacyPanel({
  interview,
  onChanged,
  onDeleted,
}: {
  interview: Interview;
  /** Called after an action that changes the interview (blur asked): reload it. */
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"blur" | "delete" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [blurMissing, setBlurMissing] = useState(false);
  const blur = blurState(interview);
  const consentAt = interview.consent_at;
  const consent = consentAt != null || interview.consent;
  const retention = interview.expires_at;
  const blurRunning = blur.status === "PENDING" || blur.status === "RUNNING" || blur.status === "QUEUED";

  const askBlur = async () => {
    setBusy("blur");
    setError(null);
    try {
      await api.blur(interview.id);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setBlurMissing(true);
      else setError(apiErrorText(lang, e));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy("delete");
    setError(null);
    try {
      await api.remove(interview.id);
      onDeleted();
    } catch (e) {
      setError(apiErrorText(lang, e));
      setBusy(null);
    }
  };

  return (
    <section className="card wide privacy no-print" aria-labelledby="h-privacy" data-testid="privacy">
      <h2 id="h-privacy">{t("privacy.title")}</h2>
      <dl className="facts compact">
        <div>
          <dt>{t("privacy.consent")}</dt>
          <dd data-testid="consent">
            {consent ? (consentAt ? t("privacy.consentAt", { when: dateTime(consentAt, lang) }) : t("privacy.consentYes")) : t("privacy.consentNo")}
            {consent && (interview.consent_language === "fr" || interview.consent_language === "en") ? (
              <span className="small muted"> · {t("privacy.consentLanguage", { lang: t(`audit.lang.${interview.consent_language}` as MessageKey) })}</span>
            ) : null}
          </dd>
        </div>
        {retention ? (
          <div>
            <dt>{t("privacy.retention")}</dt>
            <dd data-testid="retention">{t("privacy.retentionUntil", { date: dateOnly(retention, lang) })}</dd>
          </div>
        ) : null}
      </dl>

      <div className="privacy-grid">
      {!blurMissing ? (
        <div className="privacy-block" data-testid="blur">
          <h3>{t("blur.title")}</h3>
          <p className="hint">{t("blur.hint")}</p>
          <div className="row">
            <button type="button" onClick={askBlur} disabled={busy !== null || blurRunning || interview.job_active || interview.status === "RUNNING"}>
              {blur.status === "DONE" || blur.status === "ERROR" ? t("blur.again") : t("blur.button")}
            </button>
            <span role="status" className={blur.status === "ERROR" ? "form-error" : blur.status === "DONE" ? "form-ok" : undefined} data-testid="blur-status" data-status={blur.status}>
              {blur.status ? t(`blur.status.${blurRunning ? "RUNNING" : blur.status}` as MessageKey) : ""}
              {blur.status === "ERROR" && (blur.error || interview.blur_error_code)
                ? ` — ${failureText(lang, interview.blur_error_code, undefined, blur.error)}`
                : ""}
            </span>
          </div>
          {blur.status === "DONE" && blur.url ? (
            <div className="blurred">
              <video src={blur.url} controls preload="metadata" data-testid="blurred-video" aria-label={t("blur.player")} />
              <a className="button" href={blur.url} download={`${interview.candidate_name || "video"}-blurred.mp4`} data-testid="blurred-download">
                {t("blur.download")}
              </a>
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="privacy-block">
        <h3>{t("export.title")}</h3>
        <p className="hint">{t("export.hint")}</p>
        <a className="button" href={exportUrl(interview.id)} download data-testid="export">
          {t("export.button")}
        </a>
      </div>

      <div className="privacy-block">
        <h3>{t("erase.title")}</h3>
        <p className="hint">{t("erase.hint")}</p>
        {confirming ? (
          <div className="confirm" role="group" aria-label={t("erase.title")}>
            <span>{t("list.confirmDelete", { ofName: ofName(interview.candidate_name, lang) })}</span>
            <button type="button" className="danger" onClick={remove} disabled={busy !== null}>
              {t("list.confirmYes")}
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              {t("common.cancel")}
            </button>
          </div>
        ) : (
          <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
            {t("erase.button")}
          </button>
        )}
      </div>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {t("common.error", { message: error })}
        </p>
      ) : null}
    </section>
  );
}
