/**
 * One position: its facts, ordered questions with their weights, reviewers and the rubric of each
 * question (versioned, edited as interview rubrics are). Recruiters and administrators edit; a
 * reviewer reads (no edit control is rendered; the API refuses their writes as well).
 */
import { useCallback, useMemo, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { dateTime, num } from "../report/format";
import { ApiError, rubricItem, type QuestionRubric } from "./api";
import { useHiringText } from "./hiring.messages";
import { draftOf, PositionForm, roleText } from "./Positions";
import { canManage, positionRubricItem, positionsApi, type Position } from "./positions";
import { apiErrorText } from "./reasons";
import { href } from "./route";
import { useReload } from "./useReload";
import { RubricItem, type RubricStore } from "./Rubrics";
import { FormError } from "./FormError";
import { InvitationsPanel } from "./Invitations";
import { secondsWords, useOneWayText } from "./oneway.messages";
import { ratingScaleOf, scalePoints } from "./scorecards";
import "./hiring.css";

/** The rubrics of a position, saved as new versions of the position's rubric. */
export const positionRubricStore = (positionId: string): RubricStore => ({
  save: (index, rubric) => positionsApi.saveRubric(positionId, index, rubric).then(rubricItem),
  versions: (index) =>
    positionsApi.rubrics(positionId).then((all) => all.filter((r) => Number(r.question_index) === index).map(rubricItem).sort((a, b) => b.version - a.version)),
});

/** One item per question: its latest rubric, or an empty version 0 when none is stored yet. */
export function rubricItems(p: Position): QuestionRubric[] {
  return p.questions.map((q, i) => {
    const r = p.rubrics.find((x) => Number(x.question_index) === i + 1);
    return r
      ? positionRubricItem(p, r)
      : { question_index: i + 1, question: q.text, version: 0, rubric: { criteria: [] }, source: "", created_by: null, created_at: null };
  });
}

export function PositionPage({ id, onAuthLost }: { id: string; onAuthLost: () => void }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const o = useOneWayText();
  const [p, setP] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);

  // One page per position (the app keys it by `id`), so its state starts empty for each.
  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const next = await positionsApi.get(id);
      if (!isCurrent()) return;
      setP(next);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && e.status === 401) onAuthLost();
      else setError(apiErrorText(lang, e));
    }
  }, [id, onAuthLost, lang]);
  useReload(load);

  const store = useMemo(() => positionRubricStore(id), [id]);
  const back = (
    <a className="button" href={href({ name: "positions" })}>
      {h("pos.backToList")}
    </a>
  );
  if (!p) {
    return (
      <main id="main" tabIndex={-1} className="page">
        {back}
        {error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : (
          <p>{t("common.loading")}</p>
        )}
      </main>
    );
  }
  const manage = canManage(p.role);
  const remove = async () => {
    try {
      await positionsApi.remove(p.id);
      window.location.hash = href({ name: "positions" });
    } catch (e) {
      // 409: the position still has interviews, or invitations (the server says so in English)
      const conflict = e instanceof ApiError && e.status === 409;
      setError(conflict && p.interview_count > 0 ? h("pos.err.hasInterviews", { count: p.interview_count })
        : conflict ? o("inv.err.positionHasInvitations") : apiErrorText(lang, e));
      setConfirming(false);
    }
  };

  return (
    <main id="main" tabIndex={-1} className="page" data-testid="position-page">
      <div className="row">
        {back}
        <a className="button primary" href={href({ name: "comparison", id: p.id })}>
          {h("pos.comparison")}
        </a>
        {manage ? (
          <a className="button" href={href({ name: "adverseImpact", id: p.id })}>
            {h("pos.impact")}
          </a>
        ) : null}
      </div>
      <section className="card" aria-labelledby="h-position">
        <h1 id="h-position">{p.title}</h1>
        <p>
          <span className="role-badge">{h("pos.role", { role: roleText(lang, p.role) })}</span>{" "}
          <span className="small muted">{h("pos.interviewCount", { count: p.interview_count })}</span>
        </p>
        {!manage ? (
          <p className="hint" data-testid="read-only">
            {h("pos.readOnly")}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : null}
        {saved && !editing ? (
          <p className="form-ok" role="status">
            {h("pos.saved")}
          </p>
        ) : null}
        {editing && manage ? (
          <PositionForm
            initial={draftOf(p)}
            organisations={[]}
            submitLabel={h("pos.save")}
            onCancel={() => setEditing(false)}
            onSubmit={async (fields) => {
              setP(await positionsApi.update(p.id, fields));
              setEditing(false);
              setSaved(true);
            }}
          />
        ) : (
          <>
            {p.description ? <p className="description">{p.description}</p> : null}
            <dl className="position-facts">
              <dt>{h("pos.language")}</dt>
              <dd>{h(`lang.${p.language}`)}</dd>
              <dt>{h("pos.mode")}</dt>
              <dd>{t(p.mode === "coaching" ? "mode.short.coaching" : "mode.short.recruitment")}</dd>
              <dt>{h("pos.retention")}</dt>
              <dd>{p.retention_days ? h("pos.retentionValue", { days: p.retention_days }) : h("pos.retentionNever")}</dd>
              <dt>{o("set.legend")}</dt>
              <dd data-testid="oneway-settings">
                {o("set.summary", {
                  think: p.think_time_sec === null ? o("set.unlimited") : p.think_time_sec === 0 ? o("set.none") : secondsWords(lang, p.think_time_sec),
                  answer: secondsWords(lang, p.answer_time_sec),
                  takes: p.takes === null ? o("set.unlimitedTakes") : p.takes,
                })}
                {p.practice_question ? <div className="small muted">{o("set.practiceSummary", { text: p.practice_question })}</div> : null}
              </dd>
              <RatingFacts position={p} />
              {p.weights ? (
                <>
                  <dt>{h("pos.weights")}</dt>
                  <dd>
                    <code>{p.weights}</code>
                  </dd>
                </>
              ) : null}
            </dl>
            <h2>{h("pos.questions")}</h2>
            <ol data-testid="position-questions">
              {p.questions.map((q, i) => (
                <li key={i}>
                  {q.text} <span className="small muted">({h("pos.weightShort", { w: num(q.weight, lang, 2) })})</span>
                </li>
              ))}
            </ol>
            {manage ? (
              <div className="row no-print">
                <button
                  type="button"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  {h("pos.edit")}
                </button>
                {confirming ? (
                  <span className="confirm" role="group">
                    <span>{h("pos.confirmDelete", { title: p.title })}</span>
                    <button type="button" className="danger" onClick={() => void remove()}>
                      {h("pos.confirmYes")}
                    </button>
                    <button type="button" onClick={() => setConfirming(false)}>
                      {t("common.cancel")}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
                    {h("pos.delete")}
                  </button>
                )}
              </div>
            ) : null}
            <p className="small muted">
              {h("pos.col.updated")} {dateTime(p.updated_at ?? p.created_at, lang)}
            </p>
          </>
        )}
      </section>
      {manage ? <InvitationsPanel position={p} onAuthLost={onAuthLost} /> : null}
      <Reviewers position={p} onChanged={setP} />
      <section className="card wide rubrics" aria-labelledby="h-position-rubrics" data-testid="rubrics">
        <h2 id="h-position-rubrics">{t("rubrics.title")}</h2>
        {manage ? <p className="hint">{h("pos.rubricsHint")}</p> : null}
        <ol className="rubric-list">
          {rubricItems(p).map((item, k) => (
            <RubricItem
              key={`${item.question_index}:${item.question}`}
              position={k + 1}
              store={store}
              item={item}
              readOnly={!manage}
              onSaved={(next) =>
                setP((cur) =>
                  cur
                    ? {
                        ...cur,
                        rubrics: [
                          ...cur.rubrics.filter((r) => Number(r.question_index) !== next.question_index),
                          {
                            question_index: next.question_index,
                            version: next.version,
                            rubric: next.rubric,
                            source: next.source || "edited", // a version just saved is the recruiter's edit
                            created_by: next.created_by,
                            created_at: next.created_at ?? "",
                          },
                        ],
                      }
                    : cur,
                )
              }
            />
          ))}
        </ol>
      </section>
    </main>
  );
}

/** The position's rating scale (with its anchors), whether ratings are independent, the review deadline. */
function RatingFacts({ position }: { position: Position }) {
  const { lang } = useI18n();
  const h = useHiringText();
  const scale = ratingScaleOf(position);
  const anchored = scalePoints(scale).filter((v) => scale.anchors[String(v)]);
  return (
    <>
      <dt>{h("pos.ratings")}</dt>
      <dd data-testid="rating-facts">
        {[
          h("pos.scaleValue", { min: scale.min, max: scale.max }),
          h((position.independent_ratings ?? true) ? "pos.independentOn" : "pos.independentOff"),
          ...(position.review_deadline ? [h("pos.deadlineValue", { when: dateTime(position.review_deadline, lang) })] : []),
        ].join(lang === "fr" ? " ; " : "; ")}
        {anchored.length ? (
          <ul className="small muted anchors-list">
            {anchored.map((v) => (
              <li key={v}>
                {v} — {scale.anchors[String(v)]}
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </>
  );
}

function Reviewers({ position: p, onChanged }: { position: Position; onChanged: (p: Position) => void }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const manage = canManage(p.role);

  const act = async (fn: () => Promise<unknown>, who?: string) => {
    setError(null);
    try {
      await fn();
      onChanged(await positionsApi.get(p.id));
      return true;
    } catch (e) {
      // the server names the refused field in English: a user who is not a member is said in the reader's words
      const refused = e instanceof ApiError && e.status === 400 && !!e.body && typeof e.body === "object" && "username" in e.body;
      setError(refused && who ? h("pos.err.notMember", { name: who }) : t("common.error", { message: apiErrorText(lang, e) }));
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const who = name.trim();
    if (who && (await act(() => positionsApi.addReviewer(p.id, who), who))) setName("");
  };

  return (
    <section className="card reviewers" aria-labelledby="h-reviewers" data-testid="reviewers">
      <h2 id="h-reviewers">{h("pos.reviewers")}</h2>
      <p className="hint">{h("pos.reviewersHint")}</p>
      {p.reviewers.length ? (
        <ul>
          {p.reviewers.map((r) => (
            <li key={r}>
              <span>{r}</span>
              {manage ? (
                <button type="button" className="danger-outline" onClick={() => void act(() => positionsApi.removeReviewer(p.id, r))}>
                  {h("pos.removeReviewer", { name: r })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{h("pos.noReviewers")}</p>
      )}
      {manage ? (
        <form className="row" onSubmit={add}>
          <label>
            {h("pos.reviewerName")}
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit">{h("pos.addReviewer")}</button>
        </form>
      ) : null}
      <FormError error={error} />
    </section>
  );
}
