/**
 * The team's ratings of an interview (GET …/scorecards/): each person's submitted rating per question side by side,
 * with the mean and the spread; while the position keeps ratings independent and the caller has not submitted
 * theirs, one line says so and nothing else is shown.
 */
import { useCallback, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { dateTime, num } from "../report/format";
import { ApiError } from "./api";
import { useHiringText } from "./hiring.messages";
import { scorecardErrorText } from "./Scorecard";
import { meanSpread, ratingOf, scorecardsApi, type TeamScorecards } from "./scorecards";
import { useReload } from "./useReload";
import "./hiring.css";

export function TeamRatings({
  interviewId,
  questions,
  refreshKey,
}: {
  interviewId: string;
  /** the interview's questions (index 1-based, text), as the report lists them */
  questions: { index: number; text: string }[];
  /** a change reloads the ratings (the caller's own scorecard was just saved) */
  refreshKey?: unknown;
}) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  /** null: loading; "hidden": no such endpoint (404/405) or not for this user (403) */
  const [team, setTeam] = useState<TeamScorecards | null | "hidden">(null);
  /** why the ratings could not be read (translated when shown) */
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const next = await scorecardsApi.team(interviewId);
      if (!isCurrent()) return;
      setTeam(next);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && [403, 404, 405].includes(e.status)) setTeam("hidden");
      else setError(e);
    }
  }, [interviewId]);
  const reload = useReload(load, refreshKey);

  if (team === "hidden" || (team === null && !error)) return null;

  const cards = team?.scorecards ?? [];
  const rows = questions.length ? questions : [...new Set(cards.flatMap((c) => c.ratings.map((r) => r.question)))].sort((a, b) => a - b).map((index) => ({ index, text: "" }));
  const value = (v: number | null, digits = 0) => (v == null ? "–" : num(v, lang, digits));
  return (
    <section className="card wide team-ratings" aria-labelledby="h-team" data-testid="team-ratings">
      <div className="row">
        <h2 id="h-team">{h("team.title")}</h2>
        <button type="button" onClick={() => void reload()}>
          {h("team.refresh")}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {t("common.error", { message: scorecardErrorText(lang, error) })}
        </p>
      ) : null}
      {team && !team.visible ? (
        <p className="team-hidden" role="note" data-testid="team-hidden">
          {h("team.hidden")}
        </p>
      ) : team && !cards.length ? (
        <p className="muted">{h("team.none")}</p>
      ) : team ? (
        <>
          <div className="table-scroll">
            <table className="list team-table" data-testid="team-table">
              <caption className="small muted">{h("team.caption", { min: team.scale.min, max: team.scale.max })}</caption>
              <thead>
                <tr>
                  <th scope="col">{h("team.col.question")}</th>
                  {cards.map((c) => (
                    <th scope="col" key={c.reviewer.id}>
                      {c.reviewer.username}
                    </th>
                  ))}
                  <th scope="col">{h("team.col.mean")}</th>
                  <th scope="col">{h("team.col.spread")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((q) => {
                  const values = cards.map((c) => ratingOf(c, q.index));
                  const { mean, spread } = meanSpread(values.filter((v): v is number => v != null));
                  return (
                    <tr key={q.index} data-testid="team-row">
                      <th scope="row" title={q.text || undefined}>
                        {h("cmp.col.question", { n: q.index })}
                        {q.text ? <span className="q-head small">{q.text}</span> : null}
                      </th>
                      {values.map((v, k) => (
                        <td key={cards[k].reviewer.id} className="num">
                          {value(v)}
                        </td>
                      ))}
                      <td className="num" data-testid="team-mean">
                        {value(mean, 1)}
                      </td>
                      <td className="num" data-testid="team-spread">
                        {value(spread, 2)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {cards.map((c) =>
            c.notes ? (
              <details key={c.reviewer.id} className="team-notes">
                <summary>
                  {h("team.notesOf", { who: c.reviewer.username })}
                  {c.submitted_at ? <span className="small muted"> ({h("team.submittedAt", { when: dateTime(c.submitted_at, lang) })})</span> : null}
                </summary>
                <p>{c.notes}</p>
              </details>
            ) : null,
          )}
        </>
      ) : null}
    </section>
  );
}
