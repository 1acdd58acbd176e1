/**
 * The rubric of each question: its criteria (name, description, weight, keywords), edited by the
 * recruiter and saved as a new version on the server; "Analyse again" scores the answers with it.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { dateTime, num, pct } from "../report/format";
import { api, type Criterion, type QuestionRubric, type RubricDefinition } from "./api";
import { useOptionalResource } from "./useOptionalResource";
import { apiErrorText } from "./reasons";

/** A criterion id from its name: lower-case ASCII words joined by "_", unique among `taken`. */
export function criterionId(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "criterion";
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  return id;
}

interface Draft {
  id: string;
  name: string;
  description: string;
  weight: string;
  keywords: string;
  /** the criterion as the server gave it (examples etc. are kept unless the wording changed) */
  original?: Criterion;
}

const toDraft = (c: Criterion): Draft => ({
  id: c.id,
  name: c.name,
  description: c.description,
  weight: String(c.weight ?? 1),
  keywords: (c.keywords ?? []).join(", "),
  original: c,
});

const SOURCES = new Set(["generated", "given", "edited"]);

export type DraftError = "name" | "description" | "weight" | "none" | "allZero";

/** Check the drafts and build the criteria to save (errors: index → problem). */
export function criteriaFromDrafts(drafts: Draft[]): { criteria: Criterion[]; errors: Map<number, DraftError> | null; global: DraftError | null } {
  const errors = new Map<number, DraftError>();
  const taken = new Set<string>();
  const criteria: Criterion[] = [];
  drafts.forEach((d, i) => {
    const w = Number(d.weight.replace(",", "."));
    if (!d.name.trim()) errors.set(i, "name");
    else if (!d.description.trim()) errors.set(i, "description");
    else if (d.weight.trim() === "" || !Number.isFinite(w) || w < 0) errors.set(i, "weight");
    const id = d.id && !taken.has(d.id) ? d.id : criterionId(d.name, taken);
    taken.add(id);
    const keywords = d.keywords
      .split(/[,;\n]/)
      .map((k) => k.trim().toLowerCase())
      .filter(Boolean);
    const o = d.original;
    const reworded = !o || o.description.trim() !== d.description.trim() || o.name.trim() !== d.name.trim();
    const c: Criterion = { ...(o ?? {}), id, name: d.name.trim(), description: d.description.trim(), weight: w };
    if (reworded) delete c.examples; // examples written for the old wording would mislead the matching
    if (keywords.length) c.keywords = keywords;
    else delete c.keywords;
    criteria.push(c);
  });
  let global: DraftError | null = null;
  if (!drafts.length) global = "none";
  else if (!errors.size && criteria.every((c) => c.weight <= 0)) global = "allZero";
  return { criteria, errors: errors.size ? errors : null, global };
}

/** Where a list of rubrics is stored: an interview's questions, or a position's. */
export interface RubricStore {
  /** A new version of question `index`'s rubric (1-based) → the stored version. */
  save: (index: number, rubric: RubricDefinition) => Promise<QuestionRubric>;
  /** Every stored version of question `index`'s rubric. */
  versions: (index: number) => Promise<QuestionRubric[]>;
}

export const interviewRubricStore = (interviewId: string): RubricStore => ({
  save: (index, rubric) => api.saveRubric(interviewId, index, rubric),
  versions: (index) => api.rubricVersions(interviewId, index),
});

export function RubricsPanel({
  interviewId,
  canAnalyse,
  onAnalyse,
  readOnly = false,
}: {
  interviewId: string;
  canAnalyse: boolean;
  onAnalyse: () => Promise<void>;
  /** no edit control (an interview of a position: its rubrics are edited on the position) */
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const fetchRubrics = useCallback(() => api.rubrics(interviewId), [interviewId]);
  const { data: items, setData: setItems, state, error, load } = useOptionalResource<QuestionRubric[]>(fetchRubrics);
  const [changed, setChanged] = useState(false);
  const store = useMemo(() => interviewRubricStore(interviewId), [interviewId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state === "absent" || state === "loading") return null;
  if (state === "error") {
    return (
      <section className="card wide" aria-labelledby="h-rubrics" data-testid="rubrics">
        <h2 id="h-rubrics">{t("rubrics.title")}</h2>
        <p className="form-error" role="alert">
          {t("common.error", { message: error ?? "" })}
        </p>
      </section>
    );
  }
  if (!items || !items.length) return null;
  return (
    <section className="card wide rubrics" aria-labelledby="h-rubrics" data-testid="rubrics">
      <h2 id="h-rubrics">{t("rubrics.title")}</h2>
      {readOnly ? null : <p className="hint">{t("rubrics.hint")}</p>}
      <ol className="rubric-list">
        {items.map((item, k) => (
          <RubricItem
            key={item.question_index}
            position={k + 1}
            store={store}
            readOnly={readOnly}
            item={item}
            onSaved={(next) => {
              setItems((cur) => (cur ?? []).map((x) => (x.question_index === next.question_index ? next : x)));
              setChanged(true);
            }}
          />
        ))}
      </ol>
      {changed ? (
        <div className="row reanalyse" role="status">
          <span>{t("rubrics.changed")}</span>
          {canAnalyse ? (
            <button type="button" className="primary" onClick={() => void onAnalyse()}>
              {t("rubrics.analyseAgain")}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** One question's rubric: its criteria, its versions and (unless `readOnly`) the editor. */
export function RubricItem({ store, item, position, onSaved, readOnly = false }: { store: RubricStore; item: QuestionRubric; position: number; onSaved: (r: QuestionRubric) => void; readOnly?: boolean }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [versions, setVersions] = useState<QuestionRubric[] | null>(null);
  /** the edit button gets the focus back when the editor closes (set with the close) */
  const refocus = useRef(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const headId = useId();
  useEffect(() => {
    if (refocus.current && !editing) {
      refocus.current = false;
      editRef.current?.focus();
    }
  }, [editing]);
  const criteria = item.rubric.criteria;
  const total = criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0) || 1;

  const loadVersions = async (open: boolean) => {
    if (!open) return;
    try {
      setVersions(await store.versions(item.question_index));
    } catch {
      setVersions([]);
    }
  };

  return (
    <li data-testid="rubric" aria-labelledby={headId}>
      <h3 id={headId}>
        {t("report.question", { n: position })}
        {item.question ? ` — ${item.question}` : ""}
      </h3>
      <p className="small muted" data-testid="rubric-version">
        {item.version ? t("rubrics.version", { v: item.version }) : t("rubrics.none")}
        {item.version && SOURCES.has(item.source ?? "") ? ` · ${t(`rubrics.source.${item.source as "generated"}`)}` : ""}
        {item.version && item.created_at ? ` · ${item.created_by ? t("rubrics.by", { who: item.created_by }) + ", " : ""}${dateTime(item.created_at, lang)}` : ""}
      </p>
      {editing && !readOnly ? (
        <RubricForm
          store={store}
          item={item}
          onCancel={() => {
            setEditing(false);
            refocus.current = true;
          }}
          onSaved={(next) => {
            setEditing(false);
            refocus.current = true;
            setSaved(true);
            setVersions(null);
            onSaved(next);
          }}
        />
      ) : (
        <>
          {criteria.length ? (
          <table className="parts criteria">
            <thead>
              <tr>
                <th scope="col">{t("report.criterion")}</th>
                <th scope="col">{t("rubrics.description")}</th>
                <th scope="col">{t("rubrics.weight")}</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    {c.description}
                    {c.keywords && c.keywords.length ? (
                      // the cues match the answer in either language: their words are data, marked as such
                      <div className="small muted">
                        {t("rubrics.keywordsShown")} <span lang="mul">{c.keywords.join(", ")}</span>
                      </div>
                    ) : null}
                  </td>
                  <td className="num">
                    {num(Number(c.weight), lang, 2)} <span className="small muted">({pct((Number(c.weight) || 0) / total, lang)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          ) : null}
          {readOnly ? null : <div className="row no-print">
            <button
              type="button"
              ref={editRef}
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("rubrics.edit")}
            </button>
            {saved ? (
              <span className="form-ok" role="status">
                {t("rubrics.saved", { v: item.version })}
              </span>
            ) : null}
          </div>}
          {item.version > 1 ? (
            <details className="versions no-print" onToggle={(e) => void loadVersions(e.currentTarget.open)}>
              <summary>{t("rubrics.versions")}</summary>
              {versions === null ? (
                <p className="small">{t("common.loading")}</p>
              ) : (
                <ul className="small">
                  {versions.map((v) => (
                    <li key={v.version}>
                      {t("rubrics.version", { v: v.version })}
                      {v.created_at ? ` · ${v.created_by ? t("rubrics.by", { who: v.created_by }) + ", " : ""}${dateTime(v.created_at, lang)}` : ""} —{" "}
                      {v.rubric.criteria.map((c) => `${c.name} (${num(Number(c.weight), lang, 2)})`).join(", ")}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          ) : null}
        </>
      )}
    </li>
  );
}

function RubricForm({ store, item, onCancel, onSaved }: { store: RubricStore; item: QuestionRubric; onCancel: () => void; onSaved: (r: QuestionRubric) => void }) {
  const { t, lang } = useI18n();
  const [drafts, setDrafts] = useState<Draft[]>(() => item.rubric.criteria.map(toDraft));
  const [errors, setErrors] = useState<Map<number, DraftError> | null>(null);
  const [global, setGlobal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /**
   * The criterion whose name field gets the focus after the render of an add or a remove (-1: the add
   * button; null: none). Set with the change of the drafts, read once after it: the first field when the
   * form opens.
   */
  const focusAt = useRef<number | null>(0);
  const formId = useId();

  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    const el = at >= 0 && at < drafts.length ? document.getElementById(`${formId}-name-${at}`) : document.getElementById(`${formId}-add`);
    el?.focus();
  }, [drafts.length, formId]);

  const set = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = criteriaFromDrafts(drafts);
    setErrors(built.errors);
    setGlobal(built.global ? t(`rubrics.err.${built.global}`) : built.errors ? t("rubrics.err.fix") : null);
    if (built.errors || built.global) return;
    setBusy(true);
    try {
      const { criteria: _old, ...rest } = item.rubric;
      void _old;
      const next = await store.save(item.question_index, { ...rest, criteria: built.criteria });
      onSaved({ ...next, question_index: item.question_index, question: next.question || item.question });
    } catch (err) {
      setGlobal(t("common.error", { message: apiErrorText(lang, err) }));
    } finally {
      setBusy(false);
    }
  };

  const errText = (i: number, what: DraftError) => (errors?.get(i) === what ? t(`rubrics.err.${what}`) : null);

  return (
    <form className="rubric-form" onSubmit={submit} noValidate data-testid="rubric-form">
      {drafts.map((d, i) => (
        <fieldset key={i} className="criterion-edit" data-testid="criterion-edit">
          <legend>{t("rubrics.criterionN", { n: i + 1 })}</legend>
          <div className="crit-grid">
            <label htmlFor={`${formId}-name-${i}`}>{t("rubrics.name")}</label>
            <input
              id={`${formId}-name-${i}`}
              type="text"
              value={d.name}
              aria-invalid={errors?.get(i) === "name" || undefined}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <label htmlFor={`${formId}-desc-${i}`}>{t("rubrics.description")}</label>
            <textarea
              id={`${formId}-desc-${i}`}
              rows={2}
              value={d.description}
              aria-invalid={errors?.get(i) === "description" || undefined}
              onChange={(e) => set(i, { description: e.target.value })}
            />
            <label htmlFor={`${formId}-weight-${i}`}>{t("rubrics.weight")}</label>
            <input
              id={`${formId}-weight-${i}`}
              type="number"
              min={0}
              step={0.05}
              inputMode="decimal"
              value={d.weight}
              aria-invalid={errors?.get(i) === "weight" || undefined}
              onChange={(e) => set(i, { weight: e.target.value })}
            />
            <label htmlFor={`${formId}-kw-${i}`}>{t("rubrics.keywords")}</label>
            <input id={`${formId}-kw-${i}`} type="text" value={d.keywords} placeholder={t("rubrics.keywordsHint")} onChange={(e) => set(i, { keywords: e.target.value })} />
          </div>
          {(["name", "description", "weight"] as const).map((w) =>
            errText(i, w) ? (
              <p key={w} className="form-error small" role="alert">
                {errText(i, w)}
              </p>
            ) : null,
          )}
          <button type="button" className="danger-outline" onClick={() => {
              setDrafts((ds) => ds.filter((_, k) => k !== i));
              focusAt.current = i < drafts.length - 1 ? i : -1;
            }}
          >
            {t("rubrics.remove", { name: d.name || t("rubrics.criterionN", { n: i + 1 }) })}
          </button>
        </fieldset>
      ))}
      <div className="row">
        <button
          type="button"
          id={`${formId}-add`}
          onClick={() => {
            setDrafts((ds) => [...ds, { id: "", name: "", description: "", weight: "1", keywords: "" }]);
            focusAt.current = drafts.length;
          }}
        >
          {t("rubrics.add")}
        </button>
      </div>
      {global ? (
        <p className="form-error" role="alert">
          {global}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t("rubrics.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
