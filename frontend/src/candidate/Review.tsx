/**
 * The review step: for each question, the take to send (with several takes: a choice, each take playable
 * again from this device), then the answers sent for good, after a confirmation.
 */
import { useEffect, useRef, useState } from "react";
import type { Lang } from "../i18n/messages";
import { candidateApi, CandidateError, type Session } from "./api";
import { candidateText, durationWords, type CandidateKey } from "./messages";
import { pending, type PendingTake } from "./pending";
import { StepHeading } from "./StepHeading";

/** A take kept on this device, played from it (its object URL lives as long as the player). */
function LocalPlayback({ take, label }: { take: PendingTake; label: string }) {
  const ref = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(take.blob);
    if (ref.current) ref.current.src = u;
    return () => URL.revokeObjectURL(u);
  }, [take]);
  return <video ref={ref} className="preview playback" controls playsInline preload="metadata" aria-label={label} />;
}

export function Review({
  lang,
  token,
  invitation,
  session,
  onSession,
  onSent,
  errorText,
}: {
  lang: Lang;
  token: string;
  invitation: string;
  session: Session;
  onSession: (s: Session) => void;
  onSent: (s: Session) => void;
  errorText: (e: unknown) => string;
}) {
  const c = (k: CandidateKey, v?: Record<string, string | number>) => candidateText(lang, k, v);
  const [local, setLocal] = useState<PendingTake[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const several = session.settings.takes === null || session.settings.takes > 1;

  useEffect(() => {
    let alive = true;
    pending.list(invitation).then((l) => alive && setLocal(l), () => undefined);
    return () => {
      alive = false;
    };
  }, [invitation]);

  const choose = async (takeId: string) => {
    setError(null);
    try {
      onSession(await candidateApi.choose(token, takeId));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await candidateApi.submit(token);
      await pending.clear(invitation).catch(() => undefined);
      onSent(s);
    } catch (e) {
      if (e instanceof CandidateError && e.code === "submitted") onSent(await candidateApi.session(token));
      else setError(errorText(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="step-title" className="step review">
      <StepHeading>{c("review.title")}</StepHeading>
      <p>{c("review.intro")}</p>
      <ol className="review-list">
        {session.questions.map((q) => {
          const received = q.takes.filter((t) => t.state === "received");
          return (
            <li key={q.index} data-testid="review-question">
              <p className="question-text">{q.text}</p>
              {received.length === 0 ? (
                <p className="muted">{c("review.unanswered")}</p>
              ) : several && received.length > 1 ? (
                <fieldset>
                  <legend>{c("review.choose", { k: q.index })}</legend>
                  {received.map((t) => {
                    const mine = local.find((l) => l.takeId === t.id);
                    return (
                      <div key={t.id} className="take-choice">
                        <label className="radio">
                          <input type="radio" name={`q${q.index}`} checked={t.chosen} onChange={() => void choose(t.id)} />
                          {c("review.take", { n: t.number, time: durationWords(lang, t.duration_sec ?? 0) })}
                        </label>
                        {mine ? <LocalPlayback take={mine} label={c("review.play", { n: t.number })} /> : null}
                      </div>
                    );
                  })}
                </fieldset>
              ) : (
                <p>{c("review.take", { n: received[0].number, time: durationWords(lang, received[0].duration_sec ?? 0) })}</p>
              )}
            </li>
          );
        })}
      </ol>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{c("review.confirm")}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={submit} disabled={busy}>
              {c("review.confirmYes")}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {c("review.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {c("review.submit")}
          </button>
        </div>
      )}
    </section>
  );
}
