/**
 * The positions of the caller's organisations (one job opening: its questions, rubrics and candidates),
 * and the form that creates or edits one (recruiters and administrators only).
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { DEFAULT_WEIGHTS, parseWeights } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { dateTime } from "../report/format";
import { ApiError, type ServerConfig } from "./api";
import { hiringText, useHiringText, type HiringKey } from "./hiring.messages";
import { secondsWords, useOneWayText } from "./oneway.messages";
import { canManage, positionsApi, type Organisation, type Position, type PositionFields, type PositionLanguage } from "./positions";
import { apiErrorText } from "./reasons";
import { href } from "./route";
import { useReload } from "./useReload";
import { FormError } from "./FormError";
import { ratingScaleOf, scalePoints } from "./scorecards";
import "./hiring.css";

export const LANGUAGES: PositionLanguage[] = ["fr", "en", "auto"];
const MODES: Position["mode"][] = ["recruitment", "coaching"];
/** The choices of the one-way interview's settings ("unlimited": null on the server). */
export const THINK_CHOICES = ["0", "10", "20", "30", "45", "60", "90", "120", "180", "300", "unlimited"];
export const ANSWER_CHOICES = ["30", "60", "90", "120", "180", "240", "300", "600"];
export const TAKES_CHOICES = ["1", "2", "3", "5", "unlimited"];

/** The choices of a setting, with the current value added when it is not one of them. */
const withValue = (choices: string[], value: string) => (choices.includes(value) ? choices : [...choices, value]);

/** The form's text fields, as typed. */
export interface PositionDraft {
  organisation: string;
  title: string;
  language: PositionLanguage;
  description: string;
  questions: { text: string; weight: string }[];
  weights: string;
  retention_days: string;
  mode: Position["mode"];
  /** seconds, or "unlimited" */
  think_time: string;
  answer_time: string;
  /** a number, or "unlimited" */
  takes: string;
  practice_question: string;
  /** the rating scale's ends, as typed, and the words of its points ("3": "a clear example") */
  scale_min: string;
  scale_max: string;
  anchors: Record<string, string>;
  independent_ratings: boolean;
  /** a datetime-local value (the reader's time zone), "" for none */
  review_deadline: string;
}

/** The widest rating scale (max - min) the server accepts. */
export const MAX_SCALE_SPAN = 10;

/** A datetime-local input's value ("2026-11-30T18:00", local time) for an ISO instant; "" for none. */
export function localDateTime(iso: string | null | undefined): string {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export type DraftProblem =
  | { key: "pos.err.title" | "pos.err.retention" | "pos.err.weights" | "pos.err.organisation" | "pos.err.scale" | "pos.err.deadline" }
  | { key: "pos.err.questionText" | "pos.err.weight"; n: number };

/** The form's fields from a position, or a new one's (`retentionDays`: the server's default retention). */
export function draftOf(p: Position | null, organisation = "", retentionDays = 0): PositionDraft {
  const scale = ratingScaleOf(p ?? {});
  return {
    organisation: p?.organisation ?? organisation,
    title: p?.title ?? "",
    language: p?.language ?? "auto",
    description: p?.description ?? "",
    questions: p ? p.questions.map((q) => ({ text: q.text, weight: String(q.weight) })) : [{ text: "", weight: "1" }],
    weights: p?.weights ?? "",
    retention_days: String(p?.retention_days ?? retentionDays),
    mode: p?.mode ?? "recruitment",
    think_time: p ? (p.think_time_sec === null ? "unlimited" : String(p.think_time_sec)) : "30",
    answer_time: String(p?.answer_time_sec ?? 120),
    takes: p ? (p.takes === null ? "unlimited" : String(p.takes)) : "1",
    practice_question: p?.practice_question ?? "",
    scale_min: String(scale.min),
    scale_max: String(scale.max),
    anchors: { ...scale.anchors },
    independent_ratings: p?.independent_ratings ?? true,
    review_deadline: localDateTime(p?.review_deadline),
  };
}

/** The parts' maximum points when the field is left empty (the pipeline's default, from the shared catalogue). */
export { DEFAULT_WEIGHTS };

/** Check the draft and build the fields to send; the first problem found, else null. */
export function fieldsFromDraft(d: PositionDraft, creating: boolean): { fields: PositionFields; problem: DraftProblem | null } {
  const questions = d.questions.map((q) => ({ text: q.text.trim(), weight: Number(q.weight.replace(",", ".")) }));
  const fields: PositionFields = {
    title: d.title.trim(),
    language: d.language,
    description: d.description.trim(),
    questions,
    weights: d.weights.trim() || DEFAULT_WEIGHTS,
    retention_days: Number(d.retention_days),
    mode: d.mode,
    think_time_sec: d.think_time === "unlimited" ? null : Number(d.think_time),
    answer_time_sec: Number(d.answer_time),
    takes: d.takes === "unlimited" ? null : Number(d.takes),
    practice_question: d.practice_question.trim(),
  };
  const min = Number(d.scale_min);
  const max = Number(d.scale_max);
  const scaleOk = /^-?\d+$/.test(d.scale_min.trim()) && /^-?\d+$/.test(d.scale_max.trim()) && max - min >= 1 && max - min <= MAX_SCALE_SPAN;
  const deadline = d.review_deadline.trim() ? new Date(d.review_deadline) : null;
  const deadlineOk = deadline === null || !Number.isNaN(deadline.getTime());
  if (scaleOk) {
    const anchors = Object.fromEntries(
      scalePoints({ min, max, anchors: {} })
        .map((v) => [String(v), (d.anchors[String(v)] ?? "").trim()])
        .filter(([, text]) => text),
    );
    fields.rating_scale = { min, max, anchors };
  }
  fields.independent_ratings = d.independent_ratings;
  fields.review_deadline = deadline && deadlineOk ? deadline.toISOString() : null;
  if (creating) fields.organisation = d.organisation;
  let problem: DraftProblem | null = null;
  const badText = questions.findIndex((q) => !q.text);
  const badWeight = questions.findIndex((q, i) => d.questions[i].weight.trim() === "" || !Number.isFinite(q.weight) || q.weight <= 0);
  if (creating && !d.organisation) problem = { key: "pos.err.organisation" };
  else if (!fields.title) problem = { key: "pos.err.title" };
  else if (badText >= 0) problem = { key: "pos.err.questionText", n: badText + 1 };
  else if (badWeight >= 0) problem = { key: "pos.err.weight", n: badWeight + 1 };
  else if (!parseWeights(fields.weights)) problem = { key: "pos.err.weights" };
  else if (!/^\d+$/.test(d.retention_days.trim())) problem = { key: "pos.err.retention" };
  else if (!scaleOk) problem = { key: "pos.err.scale" };
  else if (!deadlineOk) problem = { key: "pos.err.deadline" };
  return { fields, problem };
}

export function PositionForm({
  initial,
  organisations,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: PositionDraft;
  /** the organisations a new position may belong to (creation only; empty when editing) */
  organisations: Organisation[];
  submitLabel: string;
  onSubmit: (fields: PositionFields) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const o = useOneWayText();
  const ids = useId();
  const [d, setD] = useState<PositionDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = organisations.length > 0;
  const set = (patch: Partial<PositionDraft>) => setD((cur) => ({ ...cur, ...patch }));
  const setQ = (i: number, patch: Partial<PositionDraft["questions"][number]>) =>
    setD((cur) => ({ ...cur, questions: cur.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));
  const move = (i: number, by: number) =>
    setD((cur) => {
      const qs = [...cur.questions];
      const j = i + by;
      if (j < 0 || j >= qs.length) return cur;
      [qs[i], qs[j]] = [qs[j], qs[i]];
      return { ...cur, questions: qs };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { fields, problem } = fieldsFromDraft(d, creating);
    if (problem) {
      setError("n" in problem ? h(problem.key, { n: problem.n }) : h(problem.key, { example: DEFAULT_WEIGHTS }));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await onSubmit(fields);
    } catch (err) {
      setError(t("common.error", { message: apiErrorText(lang, err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="position-form" onSubmit={submit} noValidate data-testid="position-form">
      <div className="form-grid">
        {creating && organisations.length > 1 ? (
          <div className="field">
            <label htmlFor={`${ids}-org`}>{h("pos.organisation")}</label>
            <select id={`${ids}-org`} value={d.organisation} onChange={(e) => set({ organisation: e.target.value })}>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${ids}-title`}>{h("pos.fieldTitle")}</label>
          <input id={`${ids}-title`} value={d.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-lang`}>{h("pos.language")}</label>
          <select id={`${ids}-lang`} value={d.language} onChange={(e) => set({ language: e.target.value as PositionLanguage })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {h(`lang.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-mode`}>{h("pos.mode")}</label>
          <select id={`${ids}-mode`} value={d.mode} onChange={(e) => set({ mode: e.target.value as Position["mode"] })}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`mode.short.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field block">
        <label htmlFor={`${ids}-desc`}>{h("pos.description")}</label>
        <textarea id={`${ids}-desc`} rows={3} value={d.description} onChange={(e) => set({ description: e.target.value })} />
      </div>
      <fieldset className="questions-edit">
        <legend>{h("pos.questions")}</legend>
        <ol>
          {d.questions.map((q, i) => (
            <li key={i} data-testid="question-edit">
              <input
                aria-label={h("pos.questionText", { n: i + 1 })}
                className="q-text"
                value={q.text}
                onChange={(e) => setQ(i, { text: e.target.value })}
              />
              <input
                aria-label={h("pos.questionWeight", { n: i + 1 })}
                className="q-weight"
                type="number"
                min={0.05}
                step={0.05}
                inputMode="decimal"
                value={q.weight}
                onChange={(e) => setQ(i, { weight: e.target.value })}
              />
              <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={h("pos.moveUp", { n: i + 1 })}>
                ↑
              </button>
              <button type="button" onClick={() => move(i, 1)} disabled={i === d.questions.length - 1} aria-label={h("pos.moveDown", { n: i + 1 })}>
                ↓
              </button>
              <button type="button" className="danger-outline" onClick={() => set({ questions: d.questions.filter((_, k) => k !== i) })}>
                {h("pos.removeQuestion", { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => set({ questions: [...d.questions, { text: "", weight: "1" }] })}>
          {h("pos.addQuestion")}
        </button>
      </fieldset>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${ids}-weights`}>{h("pos.weights")}</label>
          <input id={`${ids}-weights`} value={d.weights} placeholder={DEFAULT_WEIGHTS} onChange={(e) => set({ weights: e.target.value })} />
          <span className="small muted">{h("pos.weightsHint", { example: DEFAULT_WEIGHTS })}</span>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-retention`}>{h("pos.retention")}</label>
          <input id={`${ids}-retention`} type="number" min={0} step={1} value={d.retention_days} onChange={(e) => set({ retention_days: e.target.value })} />
        </div>
      </div>
      <fieldset className="oneway-settings">
        <legend>{o("set.legend")}</legend>
        <p className="small muted">{o("set.hint")}</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${ids}-think`}>{o("set.think")}</label>
            <select id={`${ids}-think`} value={d.think_time} onChange={(e) => set({ think_time: e.target.value })}>
              {withValue(THINK_CHOICES, d.think_time).map((v) => (
                <option key={v} value={v}>
                  {v === "unlimited" ? o("set.unlimited") : v === "0" ? o("set.none") : secondsWords(lang, Number(v))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-answer`}>{o("set.answer")}</label>
            <select id={`${ids}-answer`} value={d.answer_time} onChange={(e) => set({ answer_time: e.target.value })}>
              {withValue(ANSWER_CHOICES, d.answer_time).map((v) => (
                <option key={v} value={v}>
                  {secondsWords(lang, Number(v))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-takes`}>{o("set.takes")}</label>
            <select id={`${ids}-takes`} value={d.takes} onChange={(e) => set({ takes: e.target.value })}>
              {withValue(TAKES_CHOICES, d.takes).map((v) => (
                <option key={v} value={v}>
                  {v === "unlimited" ? o("set.unlimitedTakes") : v}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field block">
          <label htmlFor={`${ids}-practice`}>{o("set.practice")}</label>
          <input id={`${ids}-practice`} value={d.practice_question} maxLength={1000} onChange={(e) => set({ practice_question: e.target.value })} />
        </div>
      </fieldset>
      <RatingSettingsFields ids={ids} draft={d} set={set} />
      {creating ? <p className="small muted">{h("pos.rubricsGenerated")}</p> : null}
      <FormError error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The position's rating settings: the scale's ends and the words of its points, independent ratings, the deadline. */
function RatingSettingsFields({ ids, draft: d, set }: { ids: string; draft: PositionDraft; set: (patch: Partial<PositionDraft>) => void }) {
  const h = useHiringText();
  const min = Number(d.scale_min);
  const max = Number(d.scale_max);
  const points = Number.isInteger(min) && Number.isInteger(max) && max - min >= 1 && max - min <= MAX_SCALE_SPAN ? scalePoints({ min, max, anchors: {} }) : [];
  return (
    <fieldset className="rating-settings" data-testid="rating-settings">
      <legend>{h("pos.ratings")}</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${ids}-smin`}>{h("pos.scaleMin")}</label>
          <input id={`${ids}-smin`} type="number" step={1} inputMode="numeric" value={d.scale_min} onChange={(e) => set({ scale_min: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-smax`}>{h("pos.scaleMax")}</label>
          <input id={`${ids}-smax`} type="number" step={1} inputMode="numeric" value={d.scale_max} onChange={(e) => set({ scale_max: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-deadline`}>{h("pos.deadline")}</label>
          <input
            id={`${ids}-deadline`}
            type="datetime-local"
            value={d.review_deadline}
            aria-describedby={`${ids}-deadline-hint`}
            onChange={(e) => set({ review_deadline: e.target.value })}
          />
          <span id={`${ids}-deadline-hint`} className="small muted">
            {h("pos.deadlineHint")}
          </span>
        </div>
      </div>
      {points.length ? (
        <div className="anchors">
          <p className="small muted">{h("pos.anchorsHint")}</p>
          {points.map((v) => (
            <label key={v} className="anchor">
              <span>{h("pos.anchor", { n: v })}</span>
              <input value={d.anchors[String(v)] ?? ""} maxLength={200} onChange={(e) => set({ anchors: { ...d.anchors, [String(v)]: e.target.value } })} />
            </label>
          ))}
        </div>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={d.independent_ratings} onChange={(e) => set({ independent_ratings: e.target.checked })} />
        {h("pos.independent")}
      </label>
    </fieldset>
  );
}

/** The list of positions, and the creation form for those who may create one. */
export function PositionsPage({ onAuthLost, config = null }: { onAuthLost: () => void; config?: ServerConfig | null }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const [positions, setPositions] = useState<Position[] | null>(null);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const [ps, os] = await Promise.all([positionsApi.list(), positionsApi.organisations()]);
      if (!isCurrent()) return;
      setPositions(ps);
      setOrgs(os);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && e.status === 401) onAuthLost();
      else setError(apiErrorText(lang, e));
    }
  }, [onAuthLost, lang]);
  const reload = useReload(load);

  const managed = orgs.filter((o) => canManage(o.role));
  return (
    <main id="main" tabIndex={-1} className="page">
      <section className="card" aria-labelledby="h-positions">
        <h1 id="h-positions">{h("pos.title")}</h1>
        {error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : null}
        {positions === null ? (
          error ? null : <p>{t("common.loading")}</p>
        ) : positions.length === 0 ? (
          <p className="muted">{h("pos.empty")}</p>
        ) : (
          <table className="list" data-testid="positions">
            <thead>
              <tr>
                <th scope="col">{h("pos.col.title")}</th>
                <th scope="col">{h("pos.col.language")}</th>
                <th scope="col">{h("pos.col.questions")}</th>
                <th scope="col">{h("pos.col.interviews")}</th>
                <th scope="col">{h("pos.col.role")}</th>
                <th scope="col">{h("pos.col.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={href({ name: "position", id: p.id })}>{p.title}</a>
                  </th>
                  <td>{h(`lang.${p.language}` as HiringKey)}</td>
                  <td className="num">{p.questions.length}</td>
                  <td className="num">{p.interview_count}</td>
                  <td>{roleText(lang, p.role)}</td>
                  <td className="num">{dateTime(p.updated_at ?? p.created_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {positions !== null && !error && !orgs.length ? <p className="muted">{h("pos.noOrganisation")}</p> : null}
      {managed.length ? (
        <section className="card" aria-labelledby="h-new-position">
          <h2 id="h-new-position">{h("pos.new")}</h2>
          {created ? (
            <p className="form-ok" role="status">
              {created}
            </p>
          ) : null}
          <PositionForm
            key={formKey}
            initial={draftOf(null, managed[0].id, config?.retention_days ?? 0)}
            organisations={managed}
            submitLabel={h("pos.create")}
            onSubmit={async (fields) => {
              const p = await positionsApi.create(fields);
              setCreated(h("pos.created", { title: p.title }));
              setFormKey((k) => k + 1);
              await reload();
            }}
          />
        </section>
      ) : null}
    </main>
  );
}

/** A role in words ("recruteur·se"); an unknown role as given. */
export function roleText(lang: "fr" | "en", role: string | null | undefined): string {
  return role === "admin" || role === "recruiter" || role === "reviewer" ? hiringText(lang, `role.${role}`) : String(role ?? "–");
}
