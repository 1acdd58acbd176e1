/**
 * The report page: one renderer shared by the web app and the offline viewer (report.html).
 * It takes the report JSON (report.schema.json) and, optionally, a video URL to seek in.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n";
import { clock } from "./format";
import { EmotionPanel, LimitsPanel, MetaPanel, NonverbalPanel, QuestionsPanel, SpeechPanel, TextPanel } from "./Panels";
import { hasExpressionFacts, parseBand } from "./Panels";
import { PlayerProvider, usePlayer } from "./player";
import { NoticesBox } from "./Notices";
import { ScoresCard } from "./Scores";
import { Timeline, type Lane } from "./Timeline";
import { Transcript } from "./Transcript";
import type { Report, Word } from "./types";
import "./report.css";

export interface ReportViewProps {
  report: Report;
  /** URL of the interview video; seeking works when given (or picked locally). */
  videoSrc?: string | null;
  /** Heading; defaults to "Interview report". */
  title?: string;
  subtitle?: ReactNode;
  /** Let the reader open the video from a local file (offline viewer). */
  allowLocalVideo?: boolean;
  /** Extra sections (the recruiter's assessment in the app). */
  children?: ReactNode;
  /** Buttons shown in the header (e.g. back link). */
  actions?: ReactNode;
  /** Show the warnings' technical details (models, variables) in a collapsed section: administrators only. */
  technical?: boolean;
}

/** Whether the report must show no emotion at all (recruitment mode, or emotions absent). */
export function isRecruitment(report: Report): boolean {
  return report.meta?.mode === "recruitment";
}

export function ReportView(props: ReportViewProps) {
  return (
    <PlayerProvider>
      <ReportBody {...props} />
    </PlayerProvider>
  );
}

function speechSpans(words: Word[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const w of words) {
    const last = spans[spans.length - 1];
    if (last && w.start - last.end < 0.35) last.end = Math.max(last.end, w.end);
    else spans.push({ start: w.start, end: w.end });
  }
  return spans;
}

function ReportBody({ report, videoSrc, title, subtitle, allowLocalVideo, children, actions, technical = true }: ReportViewProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const recruitment = isRecruitment(report);
  const emotions = !recruitment ? report.nonverbal?.emotions ?? null : null;
  // The expression panel (expressions, blink rate, smile share) exists in coaching mode only.
  const expressionPanel =
    !recruitment && (Object.keys(emotions?.distribution ?? {}).length > 0 || hasExpressionFacts(report.nonverbal));
  const speech = report.speech ?? null;
  const words = report.words ?? null;
  const band = parseBand(report.meta?.options?.wpm_band);

  const durationSec = useMemo(() => {
    const ends = [speech?.duration_sec ?? 0];
    if (words && words.length) ends.push(words[words.length - 1].end);
    for (const p of emotions?.timeline ?? []) ends.push(p.t);
    return Math.max(...ends, 1);
  }, [speech, words, emotions]);

  const lanes: Lane[] = [];
  if (words && words.length) {
    lanes.push({ key: "speech", label: t("report.lane.speech"), items: speechSpans(words).map((s) => ({ ...s, label: t("report.lane.speech"), className: "speech" })) });
  }
  if (speech) {
    lanes.push({ key: "pauses", label: t("report.lane.pauses"), items: (speech.pauses ?? []).map((p) => ({ ...p, label: t("report.lane.pauses"), className: "pause" })) });
    lanes.push({
      key: "fillers",
      label: t("report.lane.fillers"),
      focusable: true,
      items: (speech.filler_events ?? []).map((f) => ({ start: f.t, label: `« ${f.word} »`, className: "filler" })),
    });
  }
  if (report.nonverbal) {
    lanes.push({
      key: "nods",
      label: t("report.lane.nods"),
      focusable: true,
      items: (report.nonverbal.nod_events ?? []).map((n) => ({ start: n.t, label: t("report.nodAt", { time: clock(n.t) }), className: "nod" })),
    });
  }

  // Printing: open every expandable part so the PDF shows the details, then restore.
  useEffect(() => {
    const opened: HTMLDetailsElement[] = [];
    const before = () => {
      ref.current?.querySelectorAll("details:not([open])").forEach((d) => {
        (d as HTMLDetailsElement).open = true;
        opened.push(d as HTMLDetailsElement);
      });
    };
    const after = () => {
      opened.splice(0).forEach((d) => (d.open = false));
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);

  return (
    <article className="report" ref={ref} data-testid="report" data-mode={report.meta?.mode ?? "coaching"}>
      <header className="report-head">
        <div>
          <h1>{title ?? t("report.title")}</h1>
          {subtitle ? <div className="subtitle">{subtitle}</div> : null}
          <span className={`badge mode-${recruitment ? "recruitment" : "coaching"}`}>
            {t(recruitment ? "report.mode.recruitment" : "report.mode.coaching")}
          </span>
        </div>
        <div className="head-actions no-print">
          {actions}
          <button type="button" onClick={() => window.print()}>
            {t("report.print")}
          </button>
        </div>
      </header>
      <p className="disclaimer" role="note" data-testid="disclaimer">
        {t("report.disclaimer")}
      </p>
      <NoticesBox report={report} technical={technical} />

      <div className="grid grid-top">
        <VideoPanel src={videoSrc ?? null} allowLocal={!!allowLocalVideo} />
        <ScoresCard report={report} />
      </div>

      {lanes.length ? (
        <section className="card wide" aria-labelledby="h-timeline">
          <h2 id="h-timeline">{t("report.timeline")}</h2>
          <p className="hint no-print">{t("report.timelineHint")}</p>
          <Timeline lanes={lanes} duration={durationSec} testId="timeline" label={t("report.timeline")} />
        </section>
      ) : null}

      {expressionPanel ? (
        <EmotionPanel emotions={emotions} nonverbal={report.nonverbal} durationSec={durationSec} />
      ) : null}

      <div className="grid grid-three">
        {speech ? <SpeechPanel speech={speech} band={band} /> : null}
        <NonverbalPanel report={report} />
        <TextPanel report={report} />
      </div>

      <section className="card wide" aria-labelledby="h-transcript">
        <h2 id="h-transcript">{t("report.transcript")}</h2>
        <Transcript
          text={report.transcript ?? ""}
          words={words}
          keywords={report.text?.keywords ?? []}
          fillers={(speech?.filler_events ?? []).map((f) => f.word)}
        />
      </section>

      {report.questions && report.questions.length ? <QuestionsPanel questions={report.questions} recruitment={recruitment} /> : null}
      {children}
      <LimitsPanel report={report} recruitment={recruitment} />
      <MetaPanel report={report} />
    </article>
  );
}

function VideoPanel({ src, allowLocal }: { src: string | null; allowLocal: boolean }) {
  const { t } = useI18n();
  const { attach, setTime } = usePlayer();
  const [localUrl, setLocalUrl] = useState<string | null>(null);
  useEffect(() => () => {
    if (localUrl) URL.revokeObjectURL(localUrl);
  }, [localUrl]);
  const url = src || localUrl;
  return (
    <section className="card video-card no-print" aria-labelledby="h-video">
      <h2 id="h-video">{t("report.video")}</h2>
      {url ? (
        <video
          ref={attach}
          src={url}
          controls
          preload="metadata"
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          data-testid="video"
        />
      ) : allowLocal ? null : (
        <p className="muted">{t("report.noVideo")}</p>
      )}
      {allowLocal && !src && !localUrl ? <p className="small muted">{t("report.loadVideoHint")}</p> : null}
      {allowLocal && !src ? (
        <label className="file-pick">
          {t("report.loadVideo")}
          <input
            type="file"
            accept="video/*"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) setLocalUrl(URL.createObjectURL(f));
            }}
          />
        </label>
      ) : null}
    </section>
  );
}
