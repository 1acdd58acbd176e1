/**
 * One question (or the practice question): the think-time countdown (the recording starts by itself when it
 * ends, or at once), the recording with its visible timer, its limit and "stop early", then the upload of the
 * take (kept on the device first, resumed after a cut or a reload) and what the server made of it: received,
 * or failed with the reason and a retake while takes remain. The practice take is played back here and never
 * leaves the device.
 */
import { useEffect, useRef, useState } from "react";
import type { Lang } from "../i18n/messages";
import type { Session, SessionQuestion, SessionTake } from "./api";
import { Preview } from "./DeviceCheck";
import { candidateText, clock, durationWords, type CandidateKey } from "./messages";
import { pending, sha256Hex, type PendingTake } from "./pending";
import { record, type Recorded, type Recording } from "./recorder";
import { StepHeading } from "./StepHeading";
import { UploadPanel } from "./UploadPanel";

type Phase = "think" | "recording" | "saving" | "upload" | "result" | "practiced" | "later";

/** Seconds elapsed since `since` (ms), refreshed four times a second while `on`. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (since === null) return;
    const t = window.setInterval(() => setNow(performance.now()), 250);
    return () => window.clearInterval(t);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}

const ERROR_KEYS: Record<string, CandidateKey> = {
  not_a_video: "err.not_a_video",
  no_streams: "err.no_streams",
  too_long: "err.too_long",
  empty: "err.empty",
  unsupported_type: "err.unsupported_type",
};

export function errorWords(lang: Lang, code: string): string {
  return candidateText(lang, ERROR_KEYS[code] ?? "err.unknown");
}

export function QuestionStep({
  lang,
  token,
  invitation,
  session,
  question,
  practice,
  stream,
  onSession,
  onNext,
}: {
  lang: Lang;
  token: string;
  /** the SHA-256 of the token (the key of the recordings kept on this device) */
  invitation: string;
  session: Session;
  /** the question to answer; null for the practice question */
  question: SessionQuestion | null;
  practice?: boolean;
  stream: MediaStream;
  onSession: (s: Session) => void;
  /** the take is done (or the practice): go on */
  onNext: () => void;
}) {
  const c = (k: CandidateKey, v?: Record<string, string | number>) => candidateText(lang, k, v);
  const settings = session.settings;
  const think = settings.think_time_sec;
  const limit = settings.answer_time_sec;
  const [phase, setPhase] = useState<Phase>("think");
  const [thinkStart, setThinkStart] = useState<number | null>(() => (think && think > 0 ? performance.now() : null));
  const [recStart, setRecStart] = useState<number | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [pendingTake, setPendingTake] = useState<PendingTake | null>(null);
  const [take, setTake] = useState<SessionTake | null>(null);
  const [announce, setAnnounce] = useState("");
  const [playback, setPlayback] = useState<string | null>(null);
  /** "finish later" was chosen after a take (carrying on goes to the next question) or before one */
  const [laterAfterTake, setLaterAfterTake] = useState(false);
  const recording = useRef<Recording | null>(null);
  const thinking = useElapsed(phase === "think" ? thinkStart : null);
  const elapsed = useElapsed(phase === "recording" ? recStart : null);
  const index = question?.index ?? 0;

  const start = () => {
    if (recording.current) return;
    const r = record(stream);
    recording.current = r;
    setRecStart(performance.now());
    setPhase("recording");
    setAnnounce(c("q.recordingStarted"));
    r.result.then(async (rec) => {
      setRecorded(rec);
      if (practice) {
        setPlayback(URL.createObjectURL(rec.blob));
        setPhase("practiced");
        return;
      }
      setPhase("saving");
      const bytes = await rec.blob.arrayBuffer();
      const item: PendingTake = {
        id: crypto.randomUUID(), invitation, question: index, blob: rec.blob, type: rec.type, durationMs: rec.durationMs,
        sha256: await sha256Hex(bytes), uploadUrl: null, takeId: null, uploaded: false, createdAt: Date.now(),
      };
      await pending.put(item).catch(() => undefined); // a browser that cannot keep it still uploads it
      setPendingTake(item);
      setPhase("upload");
    });
  };
  const stop = () => recording.current?.stop();

  // the think time: the recording starts by itself when it ends (at once when there is none)
  useEffect(() => {
    if (phase !== "think") return;
    if (think === 0) start();
    else if (think !== null && thinking >= think) start();
  });
  // the answer time: the recording stops by itself at the limit
  useEffect(() => {
    if (phase === "recording" && elapsed >= limit) stop();
  });
  useEffect(() => () => {
    recording.current?.stop();
  }, []);
  useEffect(() => () => {
    if (playback) URL.revokeObjectURL(playback);
  }, [playback]);

  const retake = () => {
    recording.current = null;
    setRecorded(null);
    setPendingTake(null);
    setTake(null);
    setPlayback(null);
    setRecStart(null);
    setThinkStart(think && think > 0 ? performance.now() : null);
    setAnnounce("");
    setPhase("think");
  };

  const uploaded = (s: Session, takeId: string) => {
    onSession(s);
    const q = s.questions.find((x) => x.index === index);
    setTake(q?.takes.find((t) => t.id === takeId) ?? null);
    setPhase("result");
  };

  const current = question ? session.questions.find((x) => x.index === question.index) ?? question : null;
  const left = current?.takes_left;
  const canRetake = left === null || (left !== undefined && left > 0);
  const lastOpen = session.questions.filter((x) => x.status === "open" && x.index !== index).length === 0;

  return (
    <section aria-labelledby="step-title" className="step question" data-phase={phase} data-question={index || "practice"}>
      <StepHeading>{practice ? c("practice.title") : c("q.title", { k: index })}</StepHeading>
      {practice ? <p className="muted">{c("practice.intro")}</p> : null}
      <p className="question-text" data-testid="question-text">
        {practice ? settings.practice_question : question?.text}
      </p>
      {!practice && current ? (
        <p className="small muted">
          {c("q.takeN", { n: current.takes_used + (phase === "think" || phase === "recording" ? 1 : 0) })}
          {" · "}
          {current.takes_left === null ? c("q.takesUnlimited") : c("q.takesLeft", { n: Math.max(0, current.takes_left - (phase === "think" || phase === "recording" ? 1 : 0)) })}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {announce}
      </p>

      {phase === "think" || phase === "recording" ? (
        <div className={phase === "recording" ? "stage recording" : "stage"}>
          <Preview stream={stream} label={c("device.preview")} />
          {phase === "recording" ? (
            <p className="rec-indicator">
              <span className="rec-dot" aria-hidden="true" /> {c("q.recording")}
            </p>
          ) : null}
        </div>
      ) : null}

      {phase === "think" ? (
        <>
          <p className="timer-line" data-testid="think">
            {think === null
              ? c("q.thinkUnlimited")
              : c("q.thinkLeft", { time: durationWords(lang, Math.max(0, think - thinking)) })}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={start}>
              {c("q.startNow")}
            </button>
            {!practice ? (
              <button type="button" onClick={() => setPhase("later")}>
                {c("q.later")}
              </button>
            ) : (
              <button type="button" onClick={onNext}>
                {c("practice.skip")}
              </button>
            )}
          </div>
        </>
      ) : null}

      {phase === "recording" ? (
        <>
          <p className="timer-line">
            <span role="timer" aria-label={c("q.left", { time: durationWords(lang, Math.max(0, limit - elapsed)) })} data-testid="rec-timer">
              {c("q.elapsed", { elapsed: clock(elapsed), limit: clock(limit) })}
            </span>
          </p>
          <div className="progress" aria-hidden="true">
            <div className="progress-fill" style={{ width: `${Math.min(100, (elapsed / limit) * 100)}%` }} />
          </div>
          <div className="actions">
            <button type="button" className="primary stop" onClick={stop}>
              {c("q.stop")}
            </button>
          </div>
        </>
      ) : null}

      {phase === "saving" ? <p role="status">{c("up.checking")}</p> : null}

      {phase === "upload" && pendingTake ? (
        <UploadPanel lang={lang} token={token} item={pendingTake} onUploaded={uploaded} />
      ) : null}

      {phase === "practiced" && playback ? (
        <>
          <video className="preview playback" src={playback} controls playsInline aria-label={c("practice.playback")} />
          <div className="actions">
            <button type="button" onClick={retake}>
              {c("practice.again")}
            </button>
            <button type="button" className="primary" onClick={onNext}>
              {c("practice.done")}
            </button>
          </div>
        </>
      ) : null}

      {phase === "result" ? (
        <div className="result" data-testid="take-result" data-state={take?.state ?? "unknown"} data-take={take?.id ?? ""}
             data-duration-ms={recorded?.durationMs ?? ""}>
          {take?.state === "received" ? (
            <p className="ok" role="status">
              {c("up.received", { time: durationWords(lang, take.duration_sec ?? (recorded?.durationMs ?? 0) / 1000) })}
            </p>
          ) : (
            <div role="alert">
              <p className="form-error">{c("take.failed", { reason: errorWords(lang, take?.error ?? "") })}</p>
              {!canRetake ? <p>{c("take.failedLast")}</p> : null}
            </div>
          )}
          <div className="actions">
            {canRetake ? (
              <button type="button" onClick={retake}>
                {left === null ? c("take.againUnlimited") : c("take.again", { left: c("q.takesLeft", { n: left ?? 0 }) })}
              </button>
            ) : null}
            {take?.state === "received" || !canRetake ? (
              <button type="button" className="primary" onClick={onNext}>
                {lastOpen ? c("take.toReview") : c("take.next")}
              </button>
            ) : null}
            {!lastOpen ? (
              <button type="button" onClick={() => {
                setLaterAfterTake(true);
                setPhase("later");
              }}>
                {c("q.later")}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {phase === "later" ? (
        <div className="later" role="status">
          <p>{c("q.laterText", { k: session.next_question ?? index })}</p>
          <div className="actions">
            <button type="button" onClick={laterAfterTake ? onNext : retake}>
              {c("q.laterBack")}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
