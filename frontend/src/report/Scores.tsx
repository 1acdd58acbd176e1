/**
 * The scores card: radar chart, the interview score (or "incomplete" with what could be measured
 * and why), how the interview score is made, and each part expandable to its inputs and rules.
 */
import { PART_RULES, fill } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { num, pct } from "./format";
import {
  DEFAULT_MAX, PARTS, displayValue, incompleteReasons, isIncomplete, measuredOf, measuredText, partRuleText, reasonText, ruleText,
} from "./localise";
import { RadarChart } from "./RadarChart";
import type { DetailPart, Report, ScoreDetail, ScorePart } from "./types";

export function ScoresCard({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const details = report.score_details ?? {};
  const scores = report.scores ?? {};
  const axes = PARTS.map((k) => ({
    key: k,
    label: t(`report.part.${k}`),
    points: scores[k],
    max: details[k]?.max ?? DEFAULT_MAX[k],
  }));
  const incomplete = isIncomplete(scores);
  const reasons = incompleteReasons(scores);
  const total = scores.total;
  return (
    <section className="card scores-card" aria-labelledby="h-scores">
      <h2 id="h-scores">{t("report.scores")}</h2>
      <div className="scores-top">
        <div className="radar-wrap">
          <RadarChart axes={axes} />
          {axes.some((a) => a.points == null) ? <p className="small muted">{t("report.radarIncomplete")}</p> : null}
        </div>
        <div className={`total${incomplete ? " incomplete" : ""}`} data-testid="total-score" data-incomplete={incomplete ? "true" : "false"}>
          <div className="total-label">{t("report.total")}</div>
          {incomplete ? (
            <>
              <div className="total-value total-incomplete">{t("report.incomplete")}</div>
              <div className="total-max" data-testid="measured">{measuredText(measuredOf(scores, details), lang)}</div>
              {reasons.length ? (
                <ul className="incomplete-reasons small" data-testid="incomplete-reasons">
                  {reasons.map((r, i) => (
                    <li key={i}>{reasonText(r, lang)}</li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <>
              <div className="total-value">{num(total, lang, 0)}</div>
              <div className="total-max">{t("report.outOf", { max: 100 })}</div>
            </>
          )}
        </div>
      </div>
      <Composition report={report} />
      <ul className="score-list">
        {PARTS.map((k) => (
          <li key={k}>
            <ScoreRow part={k} points={scores[k]} detail={details[k]} fallbackMax={DEFAULT_MAX[k]} />
          </li>
        ))}
        {details.total ? (
          <li>
            <ScoreRow part="total" points={incomplete ? null : total} detail={details.total} fallbackMax={100} />
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** How the interview score is made from the parts, and the verbal part from the answers when there are questions. */
function Composition({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const details = report.score_details ?? {};
  const scores = report.scores ?? {};
  const incomplete = isIncomplete(scores);
  const terms = PARTS.map((k) =>
    t("report.compositionTerm", {
      part: t(`report.part.${k}`),
      points: scores[k] == null ? t("common.notMeasured") : num(scores[k], lang, 1),
    }),
  );
  const answers = (details.verbal?.parts ?? []).filter((p) => p.name === "rubric_coverage");
  const hasQuestions = !!(report.questions && report.questions.length);
  return (
    <details className="composition" data-testid="composition">
      <summary>{t("report.composition")}</summary>
      <p>
        {incomplete
          ? t("report.compositionIncomplete", { terms: terms.join(" + ") })
          : t("report.compositionSum", { terms: terms.join(" + "), total: num(scores.total, lang, 1) })}
      </p>
      <p className="small">
        {t("report.compositionParts", {
          verbal: num(details.verbal?.max ?? DEFAULT_MAX.verbal, lang, 0),
          paraverbal: num(details.paraverbal?.max ?? DEFAULT_MAX.paraverbal, lang, 0),
          nonverbal: num(details.nonverbal?.max ?? DEFAULT_MAX.nonverbal, lang, 0),
        })}
      </p>
      {answers.length ? (
        <>
          <p className="small">{t("report.compositionAnswers")}</p>
          <ul className="small" data-testid="composition-answers">
            {answers.map((a, i) => (
              <li key={i}>
                {t("report.compositionAnswer", {
                  n: a.question_index ?? i + 1,
                  coverage: pct(typeof a.coverage === "number" ? a.coverage : null, lang),
                  weight: num(typeof a.weight === "number" ? a.weight : null, lang, 2),
                  points: a.points == null ? t("common.notMeasured") : num(a.points, lang, 1),
                  max: num(a.max, lang, 1),
                })}
              </li>
            ))}
          </ul>
          <p className="small">{t("report.offTopicCap")}</p>
        </>
      ) : null}
      {hasQuestions ? <p className="small">{t("report.compositionAnswerScore")}</p> : null}
    </details>
  );
}

function partLabel(p: DetailPart, t: ReturnType<typeof useI18n>["t"], term: (n: string) => string): string {
  if (p.name === "rubric_coverage" && p.question_index != null) return t("report.rubricCoverage", { n: p.question_index });
  return term(p.name);
}

function ScoreRow({ part, points, detail, fallbackMax }: { part: ScorePart | "total"; points: number | null | undefined; detail?: ScoreDetail; fallbackMax: number }) {
  const { t, term, lang } = useI18n();
  const max = detail?.max ?? fallbackMax;
  const frac = points == null || max <= 0 ? 0 : Math.max(0, Math.min(1, points / max));
  const inputs = Object.entries(detail?.inputs ?? {});
  const name = t(`report.part.${part}`);
  return (
    <details className="score-row" data-part={part}>
      <summary>
        <span className="score-name">{name}</span>
        <span className="bar" aria-hidden="true">
          <span className="bar-fill" style={{ width: `${100 * frac}%` }} />
        </span>
        <span className="score-points">
          {points == null ? (part === "total" ? t("report.incomplete") : t("common.notMeasured")) : `${num(points, lang)} / ${num(max, lang)}`}
        </span>
      </summary>
      {detail ? (
        <div className="score-detail">
          <p className="rule-line">
            <span className="tag">{t("report.rule")}</span> {partRuleText(part, detail, lang)}
          </p>
          {inputs.length && part !== "total" ? (
            <>
              <h4>{t("report.inputs")}</h4>
              <dl className="inputs">
                {inputs.map(([k, v]) => (
                  <div key={k}>
                    <dt>{term(k)}</dt>
                    <dd>{displayValue(k, v, lang)}</dd>
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
                {detail.parts.map((p, i) => (
                  <tr key={`${p.name}-${p.question_index ?? i}`}>
                    <th scope="row">
                      {partLabel(p, t, term)}
                      {p.off_topic ? <div className="small off-topic">{t("report.offTopic")}</div> : null}
                    </th>
                    <td>{displayValue(p.name, p.name === "rubric_coverage" && p.value == null ? p.coverage : p.value, lang)}</td>
                    <td className="num">{p.points == null ? t("common.notMeasured") : `${num(p.points, lang)} / ${num(p.max, lang)}`}</td>
                    <td className="rule">
                      {part === "total" && (PARTS as string[]).includes(p.name)
                        ? fill(PART_RULES.part_points[lang], { part: term(p.name) })
                        : ruleText(p, lang)}
                    </td>
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
