/**
 * The uploader: drag and drop (or choose) a video, the candidate's name, language, mode,
 * optional questions and consent; type/size checked before sending; XHR progress bar.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { bytes, num } from "../report/format";
import { ApiError, uploadInterview, type Interview, type ServerConfig } from "./api";
import { apiErrorText } from "./reasons";
import { checkVideoFile } from "./validate";
import { useHiringText } from "./hiring.messages";
import { canManage, positionsApi, type Position } from "./positions";
import { FormError } from "./FormError";
import { ProgressBar } from "./ProgressBar";

export function Uploader({ config, onUploaded }: { config: ServerConfig | null; onUploaded: (interview: Interview) => void }) {
  const { t, lang } = useI18n();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [language, setLanguage] = useState("auto");
  const modes = config?.allowed_modes ?? [];
  const [mode, setMode] = useState<string>("");
  const [questions, setQuestions] = useState("");
  const [consent, setConsent] = useState(false);
  /** the language the candidate read the consent text in ("" = follow the interview language, else the UI's) */
  const [consentLang, setConsentLang] = useState<string>("");
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const h = useHiringText();
  /** the positions this user may upload to (none: the server has no positions, or the user is in no organisation) */
  const [positions, setPositions] = useState<Position[]>([]);
  const [positionId, setPositionId] = useState("");
  const position = positions.find((p) => p.id === positionId) ?? null;
  useEffect(() => {
    let live = true;
    positionsApi.list().then(
      (ps) => live && setPositions(ps.filter((p) => canManage(p.role))),
      () => live && setPositions([]),
    );
    return () => {
      live = false;
    };
  }, []);
  const maxBytes = (config?.upload_max_mb ?? 1024) * 1024 * 1024;
  const consentLangs = Object.keys(config?.consent_texts ?? {});
  const interviewLang = position ? position.language : language;
  const shownConsentLang = consentLang || (consentLangs.includes(interviewLang) ? interviewLang : consentLangs.includes(lang) ? lang : consentLangs[0] ?? lang);
  const shownConsentText = config?.consent_texts?.[shownConsentLang] ?? config?.consent_text ?? "";

  const choose = (f: File | null | undefined) => {
    setDone(null);
    if (!f) return;
    const problem = checkVideoFile(f, maxBytes);
    if (problem) {
      setFile(null);
      const vars: Record<string, string> = { name: problem.vars.name };
      if (problem.key === "upload.errSize") {
        vars.size = bytes(problem.vars.size, lang);
        vars.max = bytes(problem.vars.max, lang);
      }
      setError(t(problem.key, vars));
      if (input.current) input.current.value = "";
      return;
    }
    setError(null);
    setFile(f);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files?.[0]);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!file) return setError(t("upload.errNoFile"));
    if (!name.trim()) return setError(t("upload.errName"));
    if (!consent) return setError(t("upload.errConsent"));
    setError(null);
    setProgress(0);
    const qs = questions
      .split("\n")
      .map((q) => q.trim())
      .filter(Boolean)
      .map((text) => ({ text }));
    try {
      const created = await uploadInterview(
        {
          video: file,
          candidate_name: name.trim(),
          // with a position, the language, questions, rubrics, weights, mode and retention are the position's
          language: position ? undefined : language,
          mode: position ? undefined : mode || undefined,
          questions: position ? undefined : qs,
          position: position?.id,
          consent,
          consent_version: config?.consent_version,
          consent_language: consentLangs.length ? shownConsentLang : undefined,
        },
        setProgress,
      ).promise;
      setDone(t("upload.done", { name: created.candidate_name }));
      setFile(null);
      setName("");
      setQuestions("");
      setConsent(false);
      if (input.current) input.current.value = "";
      onUploaded(created);
    } catch (err) {
      setError(t("common.error", { message: err instanceof ApiError ? apiErrorText(lang, err) : String(err) }));
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  const retentionDays = position ? position.retention_days : config?.retention_days;
  return (
    <section className="card uploader" aria-labelledby="h-upload">
      <h2 id="h-upload">{t("upload.title")}</h2>
      <form onSubmit={submit} noValidate>
        <div
          className={`dropzone${dragging ? " dragging" : ""}${file ? " has-file" : ""}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            {t("upload.drop")}{" "}
            <label className="link-like" htmlFor={`${ids}-file`}>
              {t("upload.browse")}
            </label>
          </p>
          <input
            id={`${ids}-file`}
            ref={input}
            className="visually-hidden-input"
            type="file"
            name="video"
            accept="video/*,.mp4,.m4v,.mov,.mkv,.webm,.avi"
            onChange={(e) => choose(e.currentTarget.files?.[0])}
            disabled={busy}
          />
          <p className="small muted">{t("upload.hint", { max: bytes(maxBytes, lang) })}</p>
          {file ? <p className="selected">{t("upload.selected", { name: file.name, size: bytes(file.size, lang) })}</p> : null}
        </div>
        {positions.length ? (
          <div className="field">
            <label htmlFor={`${ids}-position`}>{h("up.position")}</label>
            <select
              id={`${ids}-position`}
              name="position"
              value={positionId}
              disabled={busy}
              onChange={(e) => setPositionId(e.target.value)}
            >
              <option value="">{h("up.noPosition")}</option>
              {positions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            {position ? (
              <p className="small muted" data-testid="from-position">
                {h("up.fromPosition", { title: position.title })}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="form-grid">
          <label>
            {t("upload.candidate")}
            <input name="candidate_name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required disabled={busy} />
          </label>
          {position ? null : (
            <div className="field">
              <label htmlFor={`${ids}-lang`}>{t("upload.language")}</label>
              <select id={`${ids}-lang`} name="language" value={language} onChange={(e) => setLanguage(e.target.value)} disabled={busy}>
                <option value="auto">{t("upload.langAuto")}</option>
                <option value="fr">{t("upload.langFr")}</option>
                <option value="en">{t("upload.langEn")}</option>
              </select>
            </div>
          )}
          {modes.length > 1 && !position ? (
            <div className="field">
              <label htmlFor={`${ids}-mode`}>{t("report.modeLabel")}</label>
              <select id={`${ids}-mode`} name="mode" value={mode || config?.default_mode || modes[0]} onChange={(e) => setMode(e.target.value)} disabled={busy}>
                {modes.map((m) => (
                  <option key={m} value={m}>
                    {m === "recruitment" ? t("report.mode.recruitment") : m === "coaching" ? t("report.mode.coaching") : m}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        {position ? null : (
          <label className="block">
            {t("upload.questions")}
            <textarea name="questions" rows={2} value={questions} onChange={(e) => setQuestions(e.target.value)} disabled={busy} placeholder={t("upload.questionsHint")} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} disabled={busy} />
          {t("upload.consent")}
        </label>
        {consentLangs.length > 1 ? (
          <div className="field">
            <label htmlFor={`${ids}-consent-lang`}>{t("upload.consentLanguage")}</label>
            <select id={`${ids}-consent-lang`} name="consent_language" value={shownConsentLang} onChange={(e) => setConsentLang(e.target.value)} disabled={busy}>
              {consentLangs.map((l) => (
                <option key={l} value={l}>
                  {l === "fr" ? t("upload.langFr") : l === "en" ? t("upload.langEn") : l}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {shownConsentText || retentionDays ? (
          <details className="consent-text small">
            <summary>{t("upload.consentText", { version: config?.consent_version ?? "1" })}</summary>
            {shownConsentText ? (
              <p lang={shownConsentLang} data-testid="consent-text">
                {shownConsentText}
              </p>
            ) : null}
            {retentionDays ? <p>{t("upload.retention", { days: retentionDays })}</p> : null}
          </details>
        ) : null}
        {busy ? (
          <div className="upload-progress">
            <ProgressBar value={100 * (progress ?? 0)} label={t("upload.submit")} />
            <span className="small">{t("upload.sending", { percent: num(100 * (progress ?? 0), lang, 0) })}</span>
          </div>
        ) : null}
        <FormError error={error} />
        {done ? (
          <p className="form-ok" role="status">
            {done}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {t("upload.submit")}
        </button>
      </form>
    </section>
  );
}
