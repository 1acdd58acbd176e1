/**
 * My scorecard on an interview: per question a rating on the position's scale (its anchors shown), per criterion of
 * the question's rubric an optional rating, the moments of the video that support them, and overall notes. "Save
 * draft" and "Submit" each store a new version of the caller's own scorecard (PUT …/scorecard/). Rendered inside
 * the report, so "add the current video time" reads the report's player.
 */
import { useCallback, useId, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import { clock, dateTime } from "../report/format";
import { usePlayer } from "../report/player";
import { ApiError } from "./api";
import { FormMessage, type FormMessageState } from "./FormError";
import { HIRING_MESSAGES, hiringText, useHiringText, type HiringKey } from "./hiring.messages";
import { apiErrorText } from "./reasons";
import { useReload } from "./useReload";
import {
  draftRatings,
  ratingsToSend,
  scalePoints,
  scorecardsApi,
  type DraftRating,
  type Evidence,
  type MyScorecard,
  type RatingScale,
  type ScorecardQuestion,
} from "./scorecards";
import "./hiring.css";

/** A refused scorecard (or assessment) in the reader's language: its `error_code`'s sentence, else the server's words. */
export function scorecardErrorText(lang: Lang, err: unknown): string {
  if (err instanceof ApiError && err.body && typeof err.body === "object") {
    const body = err.body as Record<string, unknown>;
    const code = body.error_code;
    const key = `sc.err.${String(code)}`;
    const params = (body.error_params && typeof body.error_params === "object" ? body.error_params : {}) as Record<string, string | number>;
    if (typeof code === "string" && key in HIRING_MESSAGES.fr) return hiringText(lang, key as HiringKey, params);
    if (err.status === 400 && typeof code !== "string") return hiringText(lang, "sc.err.invalid", { message: err.message });
  }
  return apiErrorText(lang, err);
}

/** Where the caller's scorecard stands: version, submitted, when. */
type CardState = Pick<MyScorecard, "version" | "submitted" | "submitted_at" | "updated_at">;

export function ScorecardPanel({ interviewId, onSaved }: { interviewId: string; onSaved?: (card: MyScorecard) => void }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  /** null: loading; "hidden": the server has no scorecards (404/405) */
  const [card, setCard] = useState<MyScorecard | null | "hidden">(null);
  const [ratings, setRatings] = useState<DraftRating[]>([]);
  const [notes, setNotes] = useState("");
  const [state, setState] = useState<CardState>({ version: 0, submitted: false, submitted_at: null, updated_at: null });
  const [message, setMessage] = useState<FormMessageState | null>(null);
  const [busy, setBusy] = useState(false);
  /** why the scorecard could not be read (translated when shown: a change of language does not reload the form) */
  const [loadError, setLoadError] = useState<unknown>(null);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const mine = await scorecardsApi.mine(interviewId);
      if (!isCurrent()) return;
      setCard(mine);
      setRatings(draftRatings(mine));
      setNotes(mine.notes);
      setState(mine);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setCard("hidden");
      else setLoadError(e);
    }
  }, [interviewId]);
  useReload(load);

  if (card === "hidden" || (card === null && !loadError)) return null;

  const setQ = (question: number, patch: (r: DraftRating) => DraftRating) =>
    setRatings((cur) => cur.map((r) => (r.question === question ? patch(r) : r)));

  const save = async (submit: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await scorecardsApi.save(interviewId, { ratings: ratingsToSend(ratings), notes, submit });
      setState(saved);
      setCard(saved);
      setMessage({ ok: true, text: h(saved.submitted ? "sc.submittedOk" : "sc.savedDraft", { version: saved.version }) });
      onSaved?.(saved);
    } catch (e) {
      setMessage({ ok: false, text: t("common.error", { message: scorecardErrorText(lang, e) }) });
    } finally {
      setBusy(false);
    }
  };

  const scale = card?.scale;
  return (
    <section className="card wide scorecard" aria-labelledby="h-scorecard" data-testid="scorecard">
      <h2 id="h-scorecard">{h("sc.title")}</h2>
      {card && scale ? (
        <>
          <p className="hint">{h("sc.hint", { min: scale.min, max: scale.max })}</p>
          <p className="sc-state" data-testid="sc-state">
            {state.version === 0
              ? h("sc.state.none")
              : state.submitted
                ? h("sc.state.submitted", { version: state.version, when: dateTime(state.submitted_at ?? state.updated_at, lang) })
                : h("sc.state.draft", { version: state.version, when: dateTime(state.updated_at, lang) })}
          </p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save(true);
            }}
            noValidate
          >
            {card.questions.length ? (
              <ol className="sc-questions">
                {card.questions.map((q) => {
                  const r = ratings.find((x) => x.question === q.index);
                  return r ? <QuestionBlock key={q.index} question={q} scale={scale} value={r} onChange={(patch) => setQ(q.index, patch)} disabled={busy} /> : null;
                })}
              </ol>
            ) : (
              <p className="muted">{h("sc.noQuestions")}</p>
            )}
            <label className="block">
              {h("sc.notes")}
              <textarea name="notes" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} disabled={busy} />
            </label>
            <div className="row">
              {state.submitted ? (
                <button type="button" className="primary" disabled={busy} onClick={() => void save(true)}>
                  {h("sc.saveSubmitted")}
                </button>
              ) : (
                <>
                  <button type="button" disabled={busy} onClick={() => void save(false)}>
                    {h("sc.saveDraft")}
                  </button>
                  <button type="submit" className="primary" disabled={busy}>
                    {h("sc.submit")}
                  </button>
                </>
              )}
            </div>
          </form>
        </>
      ) : null}
      <FormMessage message={message} />
      {card === null && loadError ? (
        <p className="form-error" role="alert">
          {t("common.error", { message: scorecardErrorText(lang, loadError) })}
        </p>
      ) : null}
    </section>
  );
}

function QuestionBlock({
  question: q,
  scale,
  value,
  onChange,
  disabled,
}: {
  question: ScorecardQuestion;
  scale: RatingScale;
  value: DraftRating;
  onChange: (patch: (r: DraftRating) => DraftRating) => void;
  disabled: boolean;
}) {
  const h = useHiringText();
  const ids = useId();
  return (
    <li className="sc-question" data-testid="sc-question" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>{h("sc.question", { n: q.index, text: q.text })}</h3>
      <RatingGroup
        name={`${ids}-answer`}
        legend={h("sc.answerRating", { n: q.index })}
        scale={scale}
        value={value.rating}
        anchors
        disabled={disabled}
        onChange={(rating) => onChange((r) => ({ ...r, rating }))}
      />
      {q.criteria.length ? (
        <div className="sc-criteria">
          <p className="small muted">{h("sc.criteria")}</p>
          {q.criteria.map((c) => (
            <RatingGroup
              key={c.id}
              name={`${ids}-c-${c.id}`}
              legend={h("sc.criterion", { label: c.label, n: q.index })}
              scale={scale}
              value={value.criteria.find((x) => x.criterion === c.id)?.rating ?? null}
              disabled={disabled}
              onChange={(rating) => onChange((r) => ({ ...r, criteria: r.criteria.map((x) => (x.criterion === c.id ? { ...x, rating } : x)) }))}
            />
          ))}
        </div>
      ) : null}
      <EvidenceList
        n={q.index}
        items={value.evidence}
        disabled={disabled}
        onChange={(evidence) => onChange((r) => ({ ...r, evidence }))}
      />
    </li>
  );
}

/** A labelled radio group for one rating, from min to max, plus "not rated" (arrow keys move within it). */
export function RatingGroup({
  name,
  legend,
  scale,
  value,
  onChange,
  anchors = false,
  disabled = false,
}: {
  name: string;
  legend: string;
  scale: RatingScale;
  value: number | null;
  onChange: (v: number | null) => void;
  /** show each point's anchor beside it (the answer's rating; the criteria stay compact) */
  anchors?: boolean;
  disabled?: boolean;
}) {
  const h = useHiringText();
  return (
    <fieldset className={anchors ? "sc-scale" : "sc-scale compact"} data-testid="rating-group">
      <legend>{legend}</legend>
      {scalePoints(scale).map((v) => {
        const anchor = scale.anchors[String(v)];
        return (
          <label key={v} className="radio sc-point" title={!anchors && anchor ? anchor : undefined}>
            <input type="radio" name={name} value={v} checked={value === v} disabled={disabled} onChange={() => onChange(v)} />
            <span className="sc-value">{v}</span>
            {anchors && anchor ? <span className="sc-anchor">{` — ${anchor}`}</span> : null}
          </label>
        );
      })}
      <label className="radio sc-point sc-none">
        <input type="radio" name={name} value="" checked={value === null} disabled={disabled} onChange={() => onChange(null)} />
        <span>{h("sc.notRated")}</span>
      </label>
    </fieldset>
  );
}

/** The moments that support a question's ratings: each a time on the video (click: go there) and a short note. */
function EvidenceList({ n, items, onChange, disabled }: { n: number; items: Evidence[]; onChange: (items: Evidence[]) => void; disabled: boolean }) {
  const h = useHiringText();
  const player = usePlayer();
  const now = Math.max(0, Math.round(player.time * 10) / 10);
  return (
    <div className="sc-evidence">
      <p className="small">
        <strong>{h("sc.evidence")}</strong>
      </p>
      {items.length ? (
        <ul>
          {items.map((e, k) => (
            <li key={k} data-testid="evidence">
              <button type="button" className="sc-time" onClick={() => player.seek(e.time)} aria-label={h("sc.seek", { time: clock(e.time) })}>
                {clock(e.time)}
              </button>
              <input
                aria-label={h("sc.evidenceNote", { time: clock(e.time), n })}
                value={e.note}
                maxLength={500}
                disabled={disabled}
                onChange={(ev) => onChange(items.map((x, j) => (j === k ? { ...x, note: ev.target.value } : x)))}
              />
              <button
                type="button"
                className="danger-outline"
                disabled={disabled}
                aria-label={h("sc.removeEvidence", { time: clock(e.time), n })}
                onClick={() => onChange(items.filter((_, j) => j !== k))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{h("sc.noEvidence")}</p>
      )}
      <button type="button" disabled={disabled || !player.ready} onClick={() => onChange([...items, { time: now, note: "" }])}>
        {h("sc.addTime", { time: clock(now) })} <span className="visually-hidden">{h("sc.toQuestion", { n })}</span>
      </button>
    </div>
  );
}
