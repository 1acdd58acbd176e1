/**
 * The deciders' assessment notes and decision, saved next to the report (the scores only assist): recruiters and
 * administrators write them; a position's reviewer reads the decision and rates in their own scorecard. Earlier
 * versions of the notes are listed (newest first) where the server sends them.
 */
import { useState, type FormEvent } from "react";
import { useI18n, type MessageKey } from "../i18n/i18n";
import { dateTime } from "../report/format";
import { api, ApiError, type Assessment, type Interview } from "./api";
import { useHiringText } from "./hiring.messages";
import { scorecardErrorText } from "./Scorecard";

export const DECISIONS = ["", "advance", "hold", "reject"] as const;

/** The decision's words ("Move forward"), "Not decided yet" for none. */
const decisionKey = (d: string | null | undefined) => `assess.decision.${d || "none"}` as MessageKey;

/** What a position's reviewer sees of the assessment: the decision and who took it, read only. */
export function DecisionSummary({ interview }: { interview: Interview }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  return (
    <section className="card wide assessment" aria-labelledby="h-assess" data-testid="decision-summary">
      <h2 id="h-assess">{t("assess.decision")}</h2>
      <p data-testid="decision">
        {h("asmt.decision", { decision: t(decisionKey(interview.decision)) })}
        {interview.decided_at ? <span className="small muted"> — {t("assess.savedBy", { who: interview.decided_by ?? "–", when: dateTime(interview.decided_at, lang) })}</span> : null}
      </p>
      <p className="hint">{h("asmt.reviewer")}</p>
    </section>
  );
}

export function AssessmentForm({
  interview,
  onSaved,
}: {
  interview: Interview;
  onSaved?: (saved: Assessment) => void;
}) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const history = interview.assessment_history ?? [];
  const [text, setText] = useState(interview.assessment);
  const [decision, setDecision] = useState<NonNullable<Assessment["decision"]>>(interview.decision);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "unavailable">("idle");
  const [error, setError] = useState<string | null>(null);
  const [who, setWho] = useState<{ by: string | null; at: string | null }>({ by: interview.decided_by, at: interview.decided_at });
  const [author, setAuthor] = useState<{ by: string | null; at: string | null }>({ by: interview.assessment_by, at: interview.assessment_at });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState("saving");
    setError(null);
    try {
      const saved = await api.saveAssessment(interview.id, { assessment: text, decision });
      setWho({ by: saved.decided_by, at: saved.decided_at });
      setAuthor({ by: saved.assessment_by, at: saved.assessment_at });
      setState("saved");
      onSaved?.(saved);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405)) setState("unavailable");
      else {
        setState("idle");
        setError(scorecardErrorText(lang, err));
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
        {author.at ? (
          <p className="small muted" data-testid="assessment-by">
            {h("asmt.notesBy", { who: author.by ?? "–", when: dateTime(author.at, lang) })}
          </p>
        ) : null}
        <fieldset className="decision">
          <legend>{t("assess.decision")}</legend>
          {DECISIONS.map((d) => (
            <label key={d || "none"} className="radio">
              <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {t(decisionKey(d))}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary no-print" disabled={state === "saving"}>
            {t("assess.save")}
          </button>
          {state === "saved" ? <span role="status" className="form-ok">{t("assess.saved")}</span> : null}
          {state === "unavailable" ? <span role="alert" className="form-error">{t("assess.unavailable")}</span> : null}
          {error ? <span role="alert" className="form-error">{t("common.error", { message: error })}</span> : null}
        </div>
        {who.at ? <p className="small muted" data-testid="decided-by">{t("assess.savedBy", { who: who.by ?? "–", when: dateTime(who.at, lang) })}</p> : null}
      </form>
      {history.length ? (
        <details className="assessment-history" data-testid="assessment-history">
          <summary>{h("asmt.history", { n: history.length })}</summary>
          <ol>
            {history.map((note, k) => (
              <li key={k}>
                <p className="small muted">{h("asmt.historyItem", { who: note.author ?? "–", when: dateTime(note.created_at, lang) })}</p>
                <p className="history-text">{note.text}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
