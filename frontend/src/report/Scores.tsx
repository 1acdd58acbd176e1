/** The scores card: radar chart, the total, and each part expandable to its inputs and rule. */
import { useI18n } from "../i18n/i18n";
import { num, value } from "./format";
import { RadarChart } from "./RadarChart";
import type { Report, ScoreDetail, ScorePart } from "./types";

const PARTS: ScorePart[] = ["verbal", "paraverbal", "nonverbal"];
const DEFAULT_MAX: Record<ScorePart, number> = { verbal: 40, paraverbal: 20, nonverbal: 40 };

export function ScoresCard({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const details = report.score_details ?? {};
  const axes = PARTS.map((k) => ({
    key: k,
    label: t(`report.part.${k}`),
    points: report.scores[k],
    max: details[k]?.max ?? DEFAULT_MAX[k],
  }));
  const total = report.scores.total;
  return (
    <section className="card scores-card" aria-labelledby="h-scores">
      <h2 id="h-scores">{t("report.scores")}</h2>
      <div className="scores-top">
        <RadarChart axes={axes} />
        <div className="total" data-testid="total-score">
          <div className="total-label">{t("report.total")}</div>
          <div className="total-value">{total == null ? "–" : num(total, lang, 0)}</div>
          <div className="total-max">{t("report.outOf", { max: 100 })}</div>
        </div>
      </div>
      <ul className="score-list">
        {PARTS.map((k) => (
          <li key={k}>
            <ScoreRow name={t(`report.part.${k}`)} points={report.scores[k]} detail={details[k]} fallbackMax={DEFAULT_MAX[k]} />
          </li>
        ))}
        {details.total ? (
          <li>
            <ScoreRow name={t("report.part.total")} points={total} detail={details.total} fallbackMax={100} />
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function ScoreRow({ name, points, detail, fallbackMax }: { name: string; points: number | null | undefined; detail?: ScoreDetail; fallbackMax: number }) {
  const { t, term, lang } = useI18n();
  const max = detail?.max ?? fallbackMax;
  const frac = points == null || max <= 0 ? 0 : Math.max(0, Math.min(1, points / max));
  const inputs = Object.entries(detail?.inputs ?? {});
  return (
    <details className="score-row">
      <summary>
        <span className="score-name">{name}</span>
        <span className="bar" aria-hidden="true">
          <span className="bar-fill" style={{ width: `${100 * frac}%` }} />
        </span>
        <span className="score-points">{points == null ? t("common.notMeasured") : `${num(points, lang)} / ${num(max, lang)}`}</span>
      </summary>
      {detail ? (
        <div className="score-detail">
          <p className="rule-line">
            <span className="tag">{t("report.rule")}</span> {detail.rule}
          </p>
          {inputs.length ? (
            <>
              <h4>{t("report.inputs")}</h4>
              <dl className="inputs">
                {inputs.map(([k, v]) => (
                  <div key={k}>
                    <dt>{term(k)}</dt>
                    <dd>{value(v, lang)}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          {detail.parts && detail.parts.length ? (
            <table className="parts">
              <thead>
                <tr>
                  <th scope="col">{t("report.criterion")}</th>
                  <th scope="col">{t("report.value")}</th>
                  <th scope="col">{t("report.points")}</th>
                  <th scope="col">{t("report.rule")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.parts.map((p) => (
                  <tr key={p.name}>
                    <th scope="row">{term(p.name)}</th>
                    <td>{value(p.value, lang)}</td>
                    <td className="num">{p.points == null ? t("common.notMeasured") : `${num(p.points, lang)} / ${num(p.max, lang)}`}</td>
                    <td className="rule">{p.rule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
