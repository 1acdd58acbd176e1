/**
 * The candidates of one position side by side: one row per interview, sortable by any column
 * (header buttons with aria-sort), each question's rubric coverage with its evidence, the score
 * parts, whether the score is complete, the decision. An incomplete score is never ranked and says
 * why; a question cell opens the interview at that answer in the video.
 */
import { useMemo, useState, type ReactNode } from "react";
import { hasKey, useI18n, type MessageKey } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import { ofName } from "../i18n/grammar";
import { clock, dateTime, num, pct } from "../report/format";
import { measuredText, reasonText } from "../report/localise";
import { flagRule, HIRING_MESSAGES, hiringText, useHiringText, type HiringKey } from "./hiring.messages";
import { comparisonCsvUrl, positionsApi, type Comparison, type ComparisonRow } from "./positions";
import { appLink, href } from "./route";
import { usePositionReport } from "./usePositionReport";
import type { RatingFlag, RatingScale, RatingsCell } from "./scorecards";
import "./hiring.css";

export type SortKey = "rank" | "candidate" | "status" | "created" | "verbal" | "paraverbal" | "nonverbal" | "total" | "decision" | `q${number}`;
export type SortDir = "ascending" | "descending";

const DECISION_ORDER: Record<string, number> = { advance: 0, hold: 1, reject: 2 };

/** The value a row is sorted on (null: sorted last in either direction). */
function sortValue(row: ComparisonRow, key: SortKey): number | string | null {
  switch (key) {
    case "rank":
      return row.rank;
    case "candidate":
      return row.candidate_name;
    case "status":
      return row.status;
    case "created":
      return row.created_at;
    case "decision":
      return row.decision ? (DECISION_ORDER[row.decision] ?? 3) : null;
    case "total":
      return row.complete ? row.scores.total : null;
    case "verbal":
    case "paraverbal":
    case "nonverbal":
      return row.scores[key];
    default: {
      const n = Number(key.slice(1));
      return row.questions.find((q) => q.index === n)?.coverage ?? null;
    }
  }
}

/** The rows sorted by `key`; missing values last whatever the direction; ties by candidate name. */
export function sortRows(rows: ComparisonRow[], key: SortKey, dir: SortDir, lang: Lang = "fr"): ComparisonRow[] {
  const sign = dir === "ascending" ? 1 : -1;
  const byName = (a: ComparisonRow, b: ComparisonRow) => a.candidate_name.localeCompare(b.candidate_name, lang);
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va == null && vb == null) return byName(a, b);
    if (va == null) return 1;
    if (vb == null) return -1;
    const c = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb), lang);
    return c !== 0 ? sign * c : byName(a, b);
  });
}

/** The direction a column starts in: names, rank and decision A→Z / 1→n; scores best first. */
export const firstDir = (key: SortKey): SortDir => (["rank", "candidate", "status", "decision"].includes(key) ? "ascending" : "descending");

/** Why a row has no rank, in the reader's language (null when it has one). */
export function noRankText(row: ComparisonRow, lang: Lang): string | null {
  if (row.rank != null) return null;
  if (row.status === "ERROR") return hiringText(lang, "cmp.noRankFailed");
  if (row.status !== "DONE") return hiringText(lang, "cmp.noRankNotAnalysed");
  const reasons = (row.incomplete_reasons ?? []).map((r) => reasonText(r, lang));
  return hiringText(lang, "cmp.noRankIncomplete", { reasons: reasons.length ? `${reasons.join(" ; ")}.` : "" }).trim();
}

export function ComparisonPage({ id, onAuthLost }: { id: string; onAuthLost: () => void }) {
  const { t } = useI18n();
  const h = useHiringText();
  const { data, title, error, load } = usePositionReport(id, positionsApi.comparison, onAuthLost);

  return (
    <main id="main" tabIndex={-1} className="page hiring-page" data-testid="comparison-page">
      <div className="row">
        <a className="button" href={href({ name: "position", id })}>
          {h("pos.backToPosition")}
        </a>
        <button type="button" onClick={() => void load()}>
          {h("cmp.refresh")}
        </button>
        {data ? (
          <a className="button no-print" href={comparisonCsvUrl(id)} download data-testid="cmp-csv" aria-describedby="cmp-csv-hint">
            {h("cmp.csv")}
          </a>
        ) : null}
      </div>
      <section className="card" aria-labelledby="h-comparison">
        <h1 id="h-comparison">{h("cmp.title", { title: title || "…" })}</h1>
        <p className="disclaimer" role="note" data-testid="cmp-disclaimer">
          {h("cmp.disclaimer")}
        </p>
        <p className="small muted">{h("cmp.openHint")}</p>
        {data ? (
          <p className="small muted no-print" id="cmp-csv-hint">
            {h("cmp.csvHint")}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : null}
        {data ? <ComparisonTable data={data} /> : error ? null : <p>{t("common.loading")}</p>}
      </section>
    </main>
  );
}

export function ComparisonTable({ data }: { data: Comparison }) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: "rank", dir: "ascending" });
  const rows = useMemo(() => sortRows(data.rows, sort.key, sort.dir, lang), [data.rows, sort, lang]);
  const versions = Object.entries(data.rubric_versions ?? {}).sort(([a], [b]) => Number(a) - Number(b));

  const head = (key: SortKey, label: ReactNode, title?: string) => (
    <th scope="col" aria-sort={sort.key === key ? sort.dir : "none"} key={key}>
      <button
        type="button"
        className="sort"
        title={title}
        onClick={() => setSort((s) => (s.key === key ? { key, dir: s.dir === "ascending" ? "descending" : "ascending" } : { key, dir: firstDir(key) }))}
      >
        {label}
      </button>
    </th>
  );
  const part = (v: number | null) => (v == null ? <span className="muted">{t("common.notMeasured")}</span> : num(v, lang, 1));

  return (
    <>
      <p data-testid="median">
        {data.median_total != null ? h("cmp.median", { median: num(data.median_total, lang, 1) }) : h("cmp.noMedian")}
      </p>
      <p className="small muted" data-testid="ratings-note">
        {h("cmp.ratingsNote", { min: data.scale.min, max: data.scale.max })}
      </p>
      {versions.length ? (
        <p className="small muted">
          {h("cmp.currentRubrics", { list: versions.map(([n, v]) => h("cmp.rubricVersion", { n, v })).join(", ") })}
        </p>
      ) : null}
      {!data.rows.length ? (
        <p className="muted">{h("cmp.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="list compare" data-testid="comparison">
            <caption className="small muted">{h("cmp.caption")}</caption>
            <thead>
              <tr>
                {head("rank", h("cmp.col.rank"))}
                {head("candidate", h("cmp.col.candidate"))}
                {head("total", h("cmp.col.total"))}
                {head("verbal", t("report.part.verbal"))}
                {head("paraverbal", t("report.part.paraverbal"))}
                {head("nonverbal", t("report.part.nonverbal"))}
                {data.questions.map((q) =>
                  head(
                    `q${q.index}`,
                    <>
                      {h("cmp.col.question", { n: q.index })}
                      <span className="q-head small">{q.text}</span>
                    </>,
                    q.text,
                  ),
                )}
                {head("status", h("cmp.col.status"))}
                {head("decision", h("cmp.col.decision"))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.interview} row={row} questions={data.questions} scale={data.scale} part={part} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FlagsLegend flags={[...new Set(data.rows.flatMap((r) => r.questions.flatMap((q) => q.ratings?.flags ?? [])))]} />
    </>
  );
}

/** What each flag raised in the table means: its icon, its name and its rule (from the shared catalogue). */
function FlagsLegend({ flags }: { flags: RatingFlag[] }) {
  const { lang } = useI18n();
  const h = useHiringText();
  if (!flags.length) return null;
  return (
    <section className="flags-legend small" aria-labelledby="h-flags" data-testid="flags-legend">
      <h2 id="h-flags">{h("cmp.flagsLegend")}</h2>
      <dl>
        {flags.sort().map((f) => (
          <div key={f}>
            <dt>
              <span aria-hidden="true">{FLAG_ICON[f] ?? "⚠"}</span> {flagName(h, f)}
            </dt>
            <dd>{flagRule(lang, f)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A flag's short name in the reader's language (its code when the catalogue does not know it). */
const flagName = (h: (key: HiringKey) => string, f: string) => (`cmp.flag.${f}` in HIRING_MESSAGES.fr ? h(`cmp.flag.${f}` as HiringKey) : f);

function Row({
  row,
  questions,
  scale,
  part,
}: {
  row: ComparisonRow;
  questions: Comparison["questions"];
  scale: RatingScale;
  part: (v: number | null) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const why = noRankText(row, lang);
  const status = hasKey(`status.${row.status}`) ? t(`status.${row.status}` as MessageKey) : row.status;
  const decision = hasKey(`assess.decision.${row.decision || "none"}`) ? t(`assess.decision.${row.decision || "none"}` as MessageKey) : row.decision;
  return (
    <tr data-testid="comparison-row" data-interview={row.interview}>
      <td className="rank" data-testid="rank">
        {row.rank != null ? (
          <strong>{row.rank}</strong>
        ) : (
          <>
            <span className="no-rank">{h("cmp.noRank")}</span>
            {why ? (
              <div className="small muted" data-testid="no-rank-why">
                {why}
              </div>
            ) : null}
          </>
        )}
      </td>
      <td className="candidate">
        <a href={href({ name: "interview", id: row.interview })}>{row.candidate_name}</a>
        {row.stale_rubric ? (
          <div>
            <span className="stale" title={h("cmp.staleHint")} data-testid="stale">
              {h("cmp.stale")}
            </span>
          </div>
        ) : null}
      </td>
      <td className="num" data-testid="total">
        {row.complete && row.scores.total != null ? (
          <strong>{num(row.scores.total, lang, 1)}</strong>
        ) : row.status === "DONE" ? (
          <>
            {t("report.incomplete")}
            {row.measured ? <div className="small muted">{measuredText(row.measured, lang)}</div> : null}
          </>
        ) : (
          "–"
        )}
      </td>
      {(["verbal", "paraverbal", "nonverbal"] as const).map((k) => (
        <td key={k} className="num">
          {row.status === "DONE" ? part(row.scores[k]) : "–"}
        </td>
      ))}
      {questions.map((q) => {
        const a = row.questions.find((x) => x.index === q.index);
        const ratings = a?.ratings ?? null;
        if (!a || a.coverage == null) {
          return (
            <td key={q.index} className="evidence-cell" data-testid={`q${q.index}`}>
              <span className="muted">{row.status === "DONE" ? t("common.notMeasured") : "–"}</span>
              {ratings ? <Ratings cell={ratings} scale={scale} /> : null}
            </td>
          );
        }
        const open = h("cmp.openAnswer", { n: q.index, ofName: ofName(row.candidate_name, lang), time: clock(a.start) });
        return (
          <td key={q.index} className="evidence-cell" data-testid={`q${q.index}`}>
            <a href={appLink(a.link)} title={open} data-testid="answer-link">
              {pct(a.coverage, lang)}
              <span className="visually-hidden"> — {open}</span>
            </a>
            {a.evidence.length ? (
              <details>
                <summary>{h("cmp.evidence", { n: a.evidence.length })}</summary>
                <ul>
                  {a.evidence.map((e, k) => (
                    <li key={k}>{e}</li>
                  ))}
                </ul>
              </details>
            ) : (
              <div className="small muted">{t("report.noEvidence")}</div>
            )}
            {ratings ? <Ratings cell={ratings} scale={scale} /> : null}
          </td>
        );
      })}
      <td>{status}</td>
      <td>
        {decision}
        {row.decided_at ? <div className="small muted">{h("cmp.decidedBy", { who: row.decided_by ?? "–", when: dateTime(row.decided_at, lang) })}</div> : null}
      </td>
    </tr>
  );
}

const FLAG_ICON: Record<RatingFlag, string> = { people_disagree: "⚠", people_vs_automatic: "≠" };

/**
 * The people's ratings of one answer: how many, their mean and spread, each person's rating, the automatic measure
 * on the same scale, and a flag in words (with an icon, never a colour alone) where they disagree; when the caller
 * may not see them yet, why.
 */
export function Ratings({ cell, scale }: { cell: RatingsCell; scale: RatingScale }) {
  const { lang } = useI18n();
  const h = useHiringText();
  const n = (v: number | null, digits: number) => (v == null ? "–" : num(v, lang, digits));
  const automatic =
    cell.automatic != null ? (
      <div className="muted" title={h("cmp.ratingsNote", { min: scale.min, max: scale.max })}>
        {h("cmp.automatic", { value: n(cell.automatic, 1) })}
      </div>
    ) : null;
  // a hidden cell without any rating hides nothing: it reads as one with none
  if (!cell.visible && cell.count > 0) {
    return (
      <div className="ratings-cell small">
        <div className="muted" data-testid="ratings-hidden">
          {h("cmp.ratingsHidden", { count: cell.count })}
        </div>
        {automatic}
      </div>
    );
  }
  return (
    <div className="ratings-cell small" data-testid="ratings">
      {cell.visible && cell.count ? (
        <div data-testid="ratings-summary">{h("cmp.ratings", { count: cell.count, mean: n(cell.mean, 1), spread: n(cell.spread, 2) })}</div>
      ) : (
        <div className="muted">{h("cmp.noRatings")}</div>
      )}
      {cell.people.length ? (
        <ul className="people" aria-label={h("cmp.people")}>
          {cell.people.map((p, k) => (
            <li key={k}>
              {p.reviewer}
              {lang === "fr" ? " : " : ": "}
              <strong>{p.rating}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {automatic}
      {cell.flags.map((f) => (
        <div key={f} className="rating-flag" data-testid="rating-flag" data-flag={f} title={flagRule(lang, f) ?? undefined}>
          <span aria-hidden="true">{FLAG_ICON[f as RatingFlag] ?? "⚠"}</span> {flagName(h, f)}
        </div>
      ))}
    </div>
  );
}
