/**
 * The candidate's voluntary self-identification, entered by a recruiter from the candidate's own form:
 * optional, with its own consent, values from the configured lists ("" = prefers not to say). The
 * stored answers are never shown back: only whether a declaration exists, its date, and erasure.
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { dateTime } from "../report/format";
import { ApiError } from "./api";
import { FormMessage, type FormMessageState } from "./FormError";
import { categoryLabel, useHiringText, valueLabel } from "./hiring.messages";
import { positionsApi, type DemographicsState } from "./positions";
import { apiErrorText } from "./reasons";
import { useReload } from "./useReload";
import "./hiring.css";

export function DemographicsPanel({ interviewId, categories }: { interviewId: string; categories: Record<string, string[]> }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const ids = useId();
  /** null: loading; "hidden": the server has no such endpoint, or this user may not enter it */
  const [state, setState] = useState<DemographicsState | null | "hidden">(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);
  const [message, setMessage] = useState<FormMessageState | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const next = await positionsApi.demographics(interviewId);
      if (isCurrent()) setState(next);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && [403, 404, 405].includes(e.status)) setState("hidden");
      else setMessage({ ok: false, text: t("common.error", { message: apiErrorText(lang, e) }) });
    }
  }, [interviewId, lang, t]);
  const reload = useReload(load);

  if (state === "hidden" || (state === null && !message)) return null;

  const act = async (fn: () => Promise<DemographicsState | void>, ok: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const next = await fn();
      setState(next && typeof next === "object" && "declared" in next ? next : { declared: false, consent_at: null });
      setValues({});
      setConsent(false);
      setMessage({ ok: true, text: ok });
      if (!next) await reload();
    } catch (e) {
      setMessage({ ok: false, text: t("common.error", { message: apiErrorText(lang, e) }) });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answered = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
    if (!consent && Object.keys(answered).length) {
      setMessage({ ok: false, text: h("demo.errConsent") });
      return;
    }
    const all = Object.fromEntries(Object.keys(categories).map((c) => [c, values[c] ?? ""]));
    await act(() => positionsApi.declareDemographics(interviewId, consent, consent ? all : {}), h("demo.saved"));
  };

  const declared = state !== null && state.declared;
  return (
    <section className="card wide demographics" aria-labelledby="h-demo" data-testid="demographics">
      <h2 id="h-demo">{h("demo.title")}</h2>
      <p className="hint">{h("demo.hint")}</p>
      {state !== null ? (
        <p data-testid="demo-state">
          {declared ? h("demo.declared", { date: dateTime(state.consent_at, lang) }) : h("demo.notDeclared")}
        </p>
      ) : null}
      {declared ? (
        <button type="button" className="danger-outline" disabled={busy} onClick={() => void act(() => positionsApi.eraseDemographics(interviewId), h("demo.erased"))}>
          {h("demo.erase")}
        </button>
      ) : state !== null ? (
        <form onSubmit={submit} noValidate>
          <label className="check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} disabled={busy} />
            {h("demo.consent")}
          </label>
          <div className="form-grid">
            {Object.entries(categories).map(([cat, options]) => (
              <div className="field" key={cat}>
                <label htmlFor={`${ids}-${cat}`}>{categoryLabel(lang, cat)}</label>
                <select id={`${ids}-${cat}`} value={values[cat] ?? ""} onChange={(e) => setValues((v) => ({ ...v, [cat]: e.target.value }))} disabled={busy}>
                  <option value="">{h("demo.preferNot")}</option>
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {valueLabel(lang, o)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              {h("demo.save")}
            </button>
          </div>
        </form>
      ) : null}
      <FormMessage message={message} />
    </section>
  );
}
