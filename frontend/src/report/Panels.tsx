/** The report's fact panels: speech, non-verbal, facial expressions, content, and the footers. */
import { WPM_BAND, minPauseOf } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { clock, duration, num, pct } from "./format";
import { limitsToShow } from "./limits";
import { usePlayer } from "./player";
import { Timeline } from "./Timeline";
import { isIncomplete, measuredOf, measuredText } from "./localise";
import type { Emotions, Nonverbal, Question, Report, Scores, Speech } from "./types";

/** A small button that seeks the video to `t` seconds. */
export function SeekChip({ t: time, label }: { t: number; label: string }) {
  const { t } = useI18n();
  const player = usePlayer();
  return (
    <button type="button" className="chip" onClick={() => player.seek(time)} title={t("report.seekTo", { time: clock(time) })}>
      {label}
    </button>
  );
}

/** Play one answer on its own: from its start, paused at its end. */
export function PlayAnswer({ start, end, n }: { start: number; end: number; n: number }) {
  const { t } = useI18n();
  const player = usePlayer();
  if (!player.ready) return null;
  return (
    <button type="button" className="chip" data-testid="play-answer" onClick={() => player.playRange(start, end)}>
      {t("report.q.play", { n })}
    </button>
  );
}

export function parseBand(band: unknown): [number, number] {
  if (typeof band === "string") {
    const m = band.match(/^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/);
    if (m) return [Number(m[1]), Number(m[2])];
  }
  return WPM_BAND;
}

function WpmGauge({ wpm, band }: { wpm: number; band: [number, number] }) {
  const { t, lang } = useI18n();
  const [lo, hi] = band;
  const top = Math.max(hi + 60, wpm * 1.1);
  const x = (v: number) => `${(100 * Math.max(0, Math.min(top, v))) / top}%`;
  const where = wpm < lo ? "report.wpmBelow" : wpm > hi ? "report.wpmAbove" : "report.wpmIn";
  return (
    <div className="wpm">
      <div className="gauge" aria-hidden="true">
        <div className="gauge-band" style={{ left: x(lo), width: `calc(${x(hi)} - ${x(lo)})` }} />
        <div className="gauge-mark" style={{ left: x(wpm) }} />
      </div>
      <div className="small">
        {t("report.wpmBand", { low: num(lo, lang, 0), high: num(hi, lang, 0) })} — <strong>{t(where)}</strong>
      </div>
    </div>
  );
}

export function SpeechPanel({ speech, band }: { speech: Speech; band: [number, number] }) {
  const { t, lang } = useI18n();
  const fillers = speech.filler_events ?? [];
  const pauses = speech.pauses ?? [];
  return (
    <section className="card" aria-labelledby="h-speech" data-testid="speech-panel">
      <h2 id="h-speech">{t("report.speech")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("report.duration")}</dt>
          <dd>{duration(speech.duration_sec, lang)}</dd>
        </div>
        <div>
          <dt>{t("report.wpm")}</dt>
          <dd>
            <span className="big">{num(speech.wpm, lang, 0)}</span> {t("report.wpmUnit")}
            <WpmGauge wpm={speech.wpm} band={band} />
          </dd>
        </div>
        <div>
          <dt>{t("report.silence")}</dt>
          <dd>
            {t("report.silenceValue", {
              total: duration(speech.silence_sec, lang),
              count: pauses.length,
              minPause: num(minPauseOf(speech), lang, 2),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("report.fillers")}</dt>
          <dd>
            {t("report.fillerCount", { count: speech.fillers })}
            {fillers.length ? (
              <div className="chips">
                {fillers.map((f, i) => (
                  <SeekChip key={i} t={f.t} label={t("report.fillerAt", { word: f.word, time: clock(f.t) })} />
                ))}
              </div>
            ) : speech.fillers === 0 ? (
              <div className="small muted">{t("report.noFillers")}</div>
            ) : null}
          </dd>
        </div>
        {typeof speech.pitch_variability_st === "number" ? (
          <div>
            <dt>{t("report.pitch")}</dt>
            <dd>{t("report.pitchValue", { value: num(speech.pitch_variability_st, lang, 1) })}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

export function NonverbalPanel({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const nv = report.nonverbal;
  return (
    <section className="card" aria-labelledby="h-nonverbal" data-testid="nonverbal-panel">
      <h2 id="h-nonverbal">{t("report.nonverbal")}</h2>
      {nv ? (
        <dl className="facts">
          <div>
            <dt>{t("report.eyeContact")}</dt>
            <dd>
              <span className="big">{pct(nv.eye_contact_ratio, lang)}</span>
              <span className="bar" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${100 * nv.eye_contact_ratio}%` }} />
              </span>
              <div className="small">{t("report.eyeContactValue", { pct: pct(nv.eye_contact_ratio, lang) })}</div>
            </dd>
          </div>
          <div>
            <dt>{t("report.nods")}</dt>
            <dd>
              <span className="big">{nv.nods}</span>
              {nv.nod_events && nv.nod_events.length ? (
                <div className="chips">
                  {nv.nod_events.map((n, i) => (
                    <SeekChip key={i} t={n.t} label={clock(n.t)} />
                  ))}
                </div>
              ) : null}
            </dd>
          </div>
          {typeof nv.face_detected_ratio === "number" ? (
            <div>
              <dt>{t("report.faceRatio")}</dt>
              <dd>{t("report.faceRatioValue", { pct: pct(nv.face_detected_ratio, lang) })}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t("report.noNonverbal")}</p>
      )}
    </section>
  );
}

/** Whether the report holds the blink rate or the smile share (a value, or null for "not measured"). */
export function hasExpressionFacts(nv: Nonverbal | null | undefined): boolean {
  return !!nv && ("blink_rate_per_min" in nv || "smile_share" in nv);
}

/**
 * Blink rate (blinks per minute of visible face) and smile share (0-1 of the frames with a face): measured
 * facts for practice, never scored. Null means not measured (landmarks under 12 frames per second, too
 * little face); a key the report lacks is not shown.
 */
function ExpressionFacts({ nv }: { nv: Nonverbal }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="expression-facts">
      <h3>{t("report.expressionFacts")}</h3>
      <p className="small muted">{t("report.expressionFactsNote")}</p>
      <dl className="facts">
        {"blink_rate_per_min" in nv ? (
          <div data-testid="blink-rate">
            <dt>{t("report.blinkRate")}</dt>
            {typeof nv.blink_rate_per_min === "number" ? (
              <dd>
                <span className="big">{num(nv.blink_rate_per_min, lang, 1)}</span>
                <div className="small">{t("report.blinkRateValue", { rate: num(nv.blink_rate_per_min, lang, 1) })}</div>
                {typeof nv.blinks === "number" ? (
                  <div className="small muted">{t("report.blinkCount", { count: nv.blinks })}</div>
                ) : null}
              </dd>
            ) : (
              <dd className="small muted">{t("report.blinkNotMeasured")}</dd>
            )}
          </div>
        ) : null}
        {"smile_share" in nv ? (
          <div data-testid="smile-share">
            <dt>{t("report.smileShare")}</dt>
            {typeof nv.smile_share === "number" ? (
              <dd>
                <span className="big">{pct(nv.smile_share, lang)}</span>
                <div className="small">{t("report.smileShareValue", { pct: pct(nv.smile_share, lang) })}</div>
              </dd>
            ) : (
              <dd className="small muted">{t("report.smileNotMeasured")}</dd>
            )}
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * The facial-expression panel: the expressions over time and their shares, then the blink rate and the
 * smile share. Coaching mode only: ReportView never renders it in recruitment mode.
 */
export function EmotionPanel(props: { emotions: Emotions | null; nonverbal?: Nonverbal | null; durationSec: number }) {
  const { emotions, nonverbal, durationSec } = props;
  const { t } = useI18n();
  return (
    <section className="card wide" aria-labelledby="h-emotions" data-testid="emotion-panel">
      <h2 id="h-emotions">{t("report.emotions")}</h2>
      {emotions && Object.keys(emotions.distribution).length ? (
        <ExpressionShares emotions={emotions} durationSec={durationSec} />
      ) : null}
      {nonverbal && hasExpressionFacts(nonverbal) ? <ExpressionFacts nv={nonverbal} /> : null}
    </section>
  );
}

function ExpressionShares({ emotions, durationSec }: { emotions: Emotions; durationSec: number }) {
  const { t, term, lang } = useI18n();
  // Labels never seen (share 0) are left out of the list; the others from the most frequent.
  const dist = Object.entries(emotions.distribution)
    .filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0)
    .sort((a, b) => b[1] - a[1]);
  const timeline = emotions.timeline ?? [];
  const labels = dist.map(([k]) => k).filter((k) => timeline.some((p) => p.e === k));
  const end = Math.max(durationSec, timeline.length ? timeline[timeline.length - 1].t : 0);
  const lanes = labels.map((label) => {
    const items = [];
    for (let i = 0; i < timeline.length; i++) {
      if (timeline[i].e !== label) continue;
      let j = i;
      while (j + 1 < timeline.length && timeline[j + 1].e === label) j++;
      const stop = j + 1 < timeline.length ? timeline[j + 1].t : end;
      items.push({ start: timeline[i].t, end: Math.max(stop, timeline[i].t + 0.1), label: term(label), className: `emo emo-${label}` });
      i = j;
    }
    return { key: label, label: term(label), items };
  });
  return (
    <>
      <p className="small muted">{t("report.emotionsNote")}</p>
      <div className="emotion-grid">
        <div>
          <h3>{t("report.emotionsTimeline")}</h3>
          {lanes.length ? <Timeline lanes={lanes} duration={end} testId="emotion-timeline" label={t("report.emotionsTimeline")} /> : null}
        </div>
        <div>
          <h3>{t("report.distribution")}</h3>
          <p className="small">{t("report.dominant", { label: term(emotions.dominant_emotion) })}</p>
          <ul className="dist">
            {dist.map(([k, v]) => (
              <li key={k}>
                <span className="dist-label">{term(k)}</span>
                <span className="bar" aria-hidden="true">
                  <span className={`bar-fill emo-${k}`} style={{ width: `${100 * v}%` }} />
                </span>
                <span className="dist-value">{pct(v, lang)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}

export function TextPanel({ report }: { report: Report }) {
  const { t, lang, term } = useI18n();
  const text = report.text;
  if (!text) return null;
  const label = text.sentiment.label;
  const known = ["positive", "neutral", "negative"].includes(label);
  return (
    <section className="card" aria-labelledby="h-text" data-testid="text-panel">
      <h2 id="h-text">{t("report.text")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("report.sentiment")}</dt>
          <dd data-testid="sentiment">
            <span className={`sentiment s-${label}`}>
              {t("report.sentimentValue", {
                label: known ? t(`sentiment.${label}` as "sentiment.positive") : term(label),
                pct: pct(text.sentiment.score, lang),
              })}
            </span>
            <div className="small muted">{t("report.sentimentInfo")}</div>
          </dd>
        </div>
        <div>
          <dt>{t("report.summary")}</dt>
          <dd className="summary">{text.summary || "–"}</dd>
        </div>
        {text.keywords && text.keywords.length ? (
          <div>
            <dt>{t("report.keywords")}</dt>
            <dd className="chips">
              {text.keywords.map((k) => (
                <mark key={k} className="kw tag-kw">
                  {k}
                </mark>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

export function QuestionsPanel({ questions, recruitment = false }: { questions: Question[]; recruitment?: boolean }) {
  const { t, lang, term } = useI18n();
  const score = (v: number | null | undefined, max: number) => (v == null ? t("common.notMeasured") : `${num(v, lang)} / ${num(max, lang)}`);
  const answerTotal = (s: Scores) =>
    isIncomplete(s) ? `${t("report.incomplete")} (${measuredText(measuredOf(s), lang)})` : score(s.total, 100);
  return (
    <section className="card wide" aria-labelledby="h-questions" data-testid="questions-panel">
      <h2 id="h-questions">{t("report.questions")}</h2>
      <ol className="questions">
        {questions.map((q, i) => (
          <li key={i} data-testid="question">
            <h3>
              {t("report.question", { n: i + 1 })}
              {q.text ? ` — ${q.text}` : ""}
            </h3>
            <div className="q-facts small">
              {q.start != null ? <SeekChip t={q.start} label={`${clock(q.start)}–${clock(q.end ?? null)}`} /> : null}
              {q.start != null && q.end != null ? <PlayAnswer start={q.start} end={q.end} n={i + 1} /> : null}
              {q.answered === false ? <span data-testid="not-answered">{t("report.q.notAnswered")}</span> : null}
              {q.scores ? (
                <span data-testid="answer-score">
                  {t("report.answerScore")} <strong>{answerTotal(q.scores)}</strong> · {t("report.part.verbal")} {score(q.scores.verbal, 40)} ·{" "}
                  {t("report.part.paraverbal")} {score(q.scores.paraverbal, 20)} · {t("report.part.nonverbal")} {score(q.scores.nonverbal, 40)}
                </span>
              ) : null}
              {q.speech && typeof q.speech.wpm === "number" ? (
                <span>
                  {num(q.speech.wpm, lang, 0)} {t("report.wpmUnit")}
                </span>
              ) : null}
              {q.speech && typeof q.speech.fillers === "number" ? <span>{t("report.q.fillers", { n: q.speech.fillers })}</span> : null}
              {q.nonverbal && typeof q.nonverbal.eye_contact_ratio === "number" ? (
                <span>{t("report.q.eyeContact", { p: pct(q.nonverbal.eye_contact_ratio, lang) })}</span>
              ) : null}
              {q.nonverbal && typeof q.nonverbal.nods === "number" ? <span>{t("report.q.nods", { n: q.nonverbal.nods })}</span> : null}
              {!recruitment && q.nonverbal?.emotions?.dominant_emotion ? (
                <span data-testid="q-expression">{t("report.q.expression", { e: term(q.nonverbal.emotions.dominant_emotion) })}</span>
              ) : null}
            </div>
            {q.rubric && q.rubric.criteria?.length ? (
              <details className="rubric">
                <summary>
                  {t("report.rubric")}
                  {lang === "fr" ? " : " : ": "}
                  <strong>{pct(q.rubric.score / 100, lang)}</strong>
                  {(q.rubric.definition as { method?: string } | undefined)?.method === "edited" ? (
                    <span className="small muted"> · {t("report.rubricEdited")}</span>
                  ) : null}
                </summary>
                <table className="parts">
                  <thead>
                    <tr>
                      <th scope="col">{t("report.criterion")}</th>
                      <th scope="col">{t("report.coverage")}</th>
                      <th scope="col">{t("report.evidence")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.rubric.criteria.map((c, j) => (
                      <tr key={c.id ?? j}>
                        <th scope="row">
                          {c.name}
                          {c.description ? <div className="small muted">{c.description}</div> : null}
                        </th>
                        <td className="num">
                          {pct(c.coverage, lang)}
                          {c.weight != null ? <div className="small muted">{t("report.weight", { w: num(c.weight, lang, 2) })}</div> : null}
                        </td>
                        <td>
                          {c.evidence && c.evidence.length ? (
                            <ul className="evidence">
                              {c.evidence.map((e, k) => (
                                <li key={k}>« {e} »</li>
                              ))}
                            </ul>
                          ) : (
                            <span className="muted">{t("report.noEvidence")}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
            {q.transcript ? (
              <p className="q-transcript">
                <span className="q-label">{t("report.q.answer")}</span> {q.transcript}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function LimitsPanel({ report, recruitment }: { report: Report; recruitment: boolean }) {
  const { t, lang } = useI18n();
  return (
    <section className="card wide limits" aria-labelledby="h-limits" data-testid="limits-panel">
      <h2 id="h-limits">{t("report.limits")}</h2>
      <dl>
        {limitsToShow(report.limits, lang, recruitment, { min_pause_sec: minPauseOf(report.speech) }).map(([k, label, text]) => (
          <div key={k}>
            <dt>{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function modelName(m: Record<string, unknown> | null | undefined): string {
  if (!m) return "–";
  const name = m.name ?? m.id ?? m.path;
  return typeof name === "string" ? name : JSON.stringify(m);
}

export function MetaPanel({ report }: { report: Report }) {
  const { t } = useI18n();
  const meta = report.meta;
  const versions = Object.entries(meta.versions ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return (
    <details className="card wide meta">
      <summary>
        <h2>{t("report.meta")}</h2>
      </summary>
      <dl className="facts compact">
        <div>
          <dt>{t("report.modeLabel")}</dt>
          <dd>{t(meta.mode === "recruitment" ? "meta.mode.recruitment" : "meta.mode.coaching")}</dd>
        </div>
        <div>
          <dt>{t("report.asrModel")}</dt>
          <dd>{modelName(meta.asr_model)}</dd>
        </div>
        {meta.mode !== "recruitment" ? (
          <div>
            <dt>{t("report.emotionModel")}</dt>
            <dd>{modelName(meta.emotion_model)}</dd>
          </div>
        ) : null}
        {versions ? (
          <div>
            <dt>{t("report.versions")}</dt>
            <dd>{versions}</dd>
          </div>
        ) : null}
      </dl>
    </details>
  );
}
