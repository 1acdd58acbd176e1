/** The recruiter's own assessment and decision, saved next to the report (the scores only assist). */
import { useState, type FormEvent } from "react";
import { useI18n, type MessageKey } from "../i18n/i18n";
import { dateTime } from "../report/format";
import { api, ApiError, type Assessment, type Interview } from "./api";
import { apiErrorText } from "./reasons";

export const DECISIONS = ["", "advance", "hold", "reject"] as const;

export function AssessmentForm({
  interview,
  onSaved,
  canDecide = true,
}: {
  interview: Interview;
  onSaved?: (saved: Assessment) => void;
  /** false for a position's reviewer: the text assessment only, no decision control */
  canDecide?: boolean;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(interview.assessment);
  const [decision, setDecision] = useState<NonNullable<Assessment["decision"]>>(interview.decision);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "unavailable">("idle");
  const [error, setError] = useState<string | null>(null);
  const [who, setWho] = useState<{ by: string | null; at: string | null }>({ by: interview.decided_by, at: interview.decided_at });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState("saving");
    setError(null);
    try {
      const saved = await api.saveAssessment(interview.id, canDecide ? { assessment: text, decision } : { assessment: text });
      setWho({ by: saved.decided_by, at: saved.decided_at });
      setState("saved");
      onSaved?.(saved);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405)) setState("unavailable");
      else {
        setState("idle");
        setError(apiErrorText(lang, err));
      }
    }
  };

  return (
    <section className="card wide assessment" aria-labelledby="h-assess" data-testid="assessment">
      <h2 id="h-assess">{t("assess.title")}</h2>
      <p className="hint">{t("assess.hint")}</p>
      <form onSubmit={submit}>
        <label className="block">
          {t("assess.text")}
          <textarea name="assessment" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {canDecide ? (
          <fieldset className="decision">
            <legend>{t("assess.decision")}</legend>
            {DECISIONS.map((d) => (
              <label key={d || "none"} className="radio">
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {t(`assess.decision.${d || "none"}` as MessageKey)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="row">
          <button type="submit" className="primary no-print" disabled={state === "saving"}>
            {t("assess.save")}
          </button>
          {state === "saved" ? <span role="status" className="form-ok">{t("assess.saved")}</span> : null}
          {state === "unavailable" ? <span role="alert" className="form-error">{t("assess.unavailable")}</span> : null}
          {error ? <span role="alert" className="form-error">{t("common.error", { message: error })}</span> : null}
        </div>
        {who.at ? <p className="small muted">{t("assess.savedBy", { who: who.by ?? "–", when: dateTime(who.at, lang) })}</p> : null}
      </form>
    </section>
  );
}
