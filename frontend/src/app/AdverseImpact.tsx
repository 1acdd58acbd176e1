/**
 * The adverse-impact report of a position (recruiters and administrators): per self-declared
 * category, each group's scoring rate (complete scores above the position's median) and selection
 * rate, their impact ratios against the highest group, the four-fifths flag; a group smaller than
 * the minimum size is "too few to say" and never shown with a rate or a ratio. The method is written
 * out in the reader's language; CSV and JSON downloads.
 */
import { useI18n } from "../i18n/i18n";
import { num, pct } from "../report/format";
import { categoryLabel, useHiringText, valueLabel } from "./hiring.messages";
import { adverseImpactUrl, positionsApi, type AdverseImpact, type ImpactCategory } from "./positions";
import { href } from "./route";
import { usePositionReport } from "./usePositionReport";
import "./hiring.css";

export function AdverseImpactPage({ id, onAuthLost }: { id: string; onAuthLost: () => void }) {
  const { t } = useI18n();
  const h = useHiringText();
  const { data, title, error, forbidden } = usePositionReport(id, positionsApi.adverseImpact, onAuthLost, { forbidden: true });

  return (
    <main id="main" tabIndex={-1} className="page hiring-page" data-testid="impact-page">
      <div className="row">
        <a className="button" href={href({ name: "position", id })}>
          {h("pos.backToPosition")}
        </a>
      </div>
      <section className="card" aria-labelledby="h-impact">
        <h1 id="h-impact">{h("ai.title", { title: title || "…" })}</h1>
        {forbidden ? (
          <p className="form-error" role="alert">
            {h("ai.forbidden")}
          </p>
        ) : error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : data ? (
          <ImpactReport data={data} positionId={id} />
        ) : (
          <p>{t("common.loading")}</p>
        )}
      </section>
    </main>
  );
}

export function ImpactReport({ data, positionId }: { data: AdverseImpact; positionId: string }) {
  const { lang } = useI18n();
  const h = useHiringText();
  const median = data.median_total != null ? num(data.median_total, lang, 1) : "–";
  const min = data.min_group_size;
  return (
    <>
      <p>{h("ai.intro")}</p>
      <p data-testid="impact-summary">{h("ai.summary", { count: data.candidates, median })}</p>
      <div className="row no-print">
        <a className="button" href={adverseImpactUrl(positionId, "csv")} download data-testid="csv">
          {h("ai.csv")}
        </a>
        <a className="button" href={adverseImpactUrl(positionId, "json")} download data-testid="json">
          {h("ai.json")}
        </a>
      </div>
      {data.categories.length ? (
        data.categories.map((c) => <CategoryTable key={c.category} category={c} />)
      ) : (
        <p className="muted">{h("ai.noCategories")}</p>
      )}
      <section className="method" aria-labelledby="h-method" data-testid="method">
        <h2 id="h-method">{h("ai.method")}</h2>
        <ul>
          <li>{h("ai.method.scoring", { median })}</li>
          <li>{h("ai.method.selection")}</li>
          <li>{h("ai.method.ratio", { min })}</li>
          <li>{h("ai.method.fourFifths")}</li>
          <li>{h("ai.method.minGroup", { min })}</li>
          <li>{h("ai.method.unknown")}</li>
        </ul>
      </section>
    </>
  );
}

function CategoryTable({ category: c }: { category: ImpactCategory }) {
  const { lang } = useI18n();
  const h = useHiringText();
  const headId = `h-cat-${c.category.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const ratio = (v: number | null) => num(v, lang, 2);
  return (
    <section aria-labelledby={headId} data-testid="impact-category" data-category={c.category}>
      <h2 id={headId}>{categoryLabel(lang, c.category)}</h2>
      <div className="table-scroll">
        <table className="list impact-table">
          <thead>
            <tr>
              <th scope="col">{h("ai.col.group")}</th>
              <th scope="col">{h("ai.col.n")}</th>
              <th scope="col">{h("ai.col.scored")}</th>
              <th scope="col">{h("ai.col.above")}</th>
              <th scope="col">{h("ai.col.scoringRate")}</th>
              <th scope="col">{h("ai.col.scoringRatio")}</th>
              <th scope="col">{h("ai.col.decided")}</th>
              <th scope="col">{h("ai.col.selected")}</th>
              <th scope="col">{h("ai.col.selectionRate")}</th>
              <th scope="col">{h("ai.col.selectionRatio")}</th>
              <th scope="col">{h("ai.col.flag")}</th>
            </tr>
          </thead>
          <tbody>
            {c.groups.map((g) => (
              <tr key={g.group} data-testid="impact-group" data-group={g.group}>
                <th scope="row">{valueLabel(lang, g.group)}</th>
                <td className="num">{g.n}</td>
                {g.too_few ? (
                  // a small group shows no count that could single someone out, and never a rate or a ratio
                  <td colSpan={9} className="too-few" data-testid="too-few">
                    {h("ai.tooFew")}
                  </td>
                ) : (
                  <>
                    <td className="num">{g.scored_n}</td>
                    <td className="num">{g.above_median}</td>
                    <td className="num">{pct(g.scoring_rate, lang)}</td>
                    <td className="num">{ratio(g.scoring_impact_ratio)}</td>
                    <td className="num">{g.decided_n}</td>
                    <td className="num">{g.selected}</td>
                    <td className="num">{pct(g.selection_rate, lang)}</td>
                    <td className="num">{ratio(g.selection_impact_ratio)}</td>
                    <td className={g.four_fifths_flag ? "flag" : undefined}>
                      {g.four_fifths_flag == null ? "–" : g.four_fifths_flag ? h("ai.flagged") : h("ai.notFlagged")}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted" data-testid="unknown">
        {h("ai.unknown", { count: c.unknown })}
      </p>
    </section>
  );
}
