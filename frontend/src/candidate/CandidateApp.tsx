/**
 * The candidate's page, opened by an invitation link (`#/invitation/<token>`, no account), in the invitation's
 * language: welcome (the job, how it works, the privacy notice) → consent → camera and microphone check →
 * practice question (optional, never sent) → each question (think time, recording, upload) → review → sent.
 * Opening the link again resumes at the first question still open (a recording not fully sent is sent
 * first); once sent, the page only says so. A forged, expired or revoked link gets a page that says so and
 * shows nothing else.
 */
import { useCallback, useEffect, useState } from "react";
import { ProgressBar } from "../app/ProgressBar";
import { useReload } from "../app/useReload";
import type { Lang } from "../i18n/messages";
import { candidateApi, CandidateError, type RefusalCode, type Session } from "./api";
import { DeviceCheck } from "./DeviceCheck";
import { browserLang, candidateText, durationWords, type CandidateKey } from "./messages";
import { pending, sha256Hex, type PendingTake } from "./pending";
import { QuestionStep } from "./QuestionStep";
import { Review } from "./Review";
import { StepHeading } from "./StepHeading";
import { UploadPanel } from "./UploadPanel";
import "./candidate.css";

type Step =
  | { name: "loading" }
  | { name: "refused"; code: RefusalCode }
  | { name: "error"; message: string }
  | { name: "resume-upload"; item: PendingTake }
  | { name: "welcome" }
  | { name: "consent" }
  | { name: "device" }
  | { name: "practice" }
  | { name: "question"; index: number; round: number }
  | { name: "review" }
  | { name: "done" };

const STEPS = ["welcome", "consent", "device", "practice", "questions", "review", "done"] as const;

function stepOf(step: Step): (typeof STEPS)[number] | null {
  if (step.name === "question" || step.name === "resume-upload") return "questions";
  return (STEPS as readonly string[]).includes(step.name) ? (step.name as (typeof STEPS)[number]) : null;
}

function localDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short" });
}

export function CandidateApp({ token }: { token: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [lang, setLang] = useState<Lang>(browserLang);
  const [step, setStep] = useState<Step>({ name: "loading" });
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [invitation, setInvitation] = useState<string>("");
  const c = (k: CandidateKey, v?: Record<string, string | number>) => candidateText(lang, k, v);

  const errorText = useCallback(
    (e: unknown): string => {
      if (e instanceof CandidateError) {
        if (e.status === 0) return candidateText(lang, "error.network");
        if (e.status === 429) return candidateText(lang, "error.tooMany");
        return candidateText(lang, "error.server", { detail: e.code });
      }
      return candidateText(lang, "error.server", { detail: String((e as Error)?.message ?? e) });
    },
    [lang],
  );

  /** Where a session resumes: a recording not fully sent first, then the first open question, else the review. */
  const resumeStep = useCallback(async (s: Session, key: string): Promise<Step> => {
    if (s.state === "submitted") return { name: "done" };
    const unsent = (await pending.list(key).catch(() => [] as PendingTake[])).find((t) => !t.uploaded);
    if (unsent) return { name: "resume-upload", item: unsent };
    return { name: "welcome" };
  }, []);

  // (state is set only after the requests, and only by the latest load: useReload)
  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const key = await sha256Hex(token);
      const s = await candidateApi.session(token);
      const next = await resumeStep(s, key);
      if (!isCurrent()) return;
      setInvitation(key);
      setSession(s);
      setLang(s.language);
      setStep(next);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof CandidateError && e.refused) {
        if (e.language === "fr" || e.language === "en") setLang(e.language);
        setStep({ name: "refused", code: e.refused });
      } else {
        setStep({ name: "error", message: errorText(e) });
      }
    }
  }, [token, resumeStep, errorText]);

  const reload = useReload(load); // the first load of the page: its session decides the first step
  const retry = () => {
    setStep({ name: "loading" });
    void reload();
  };
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = candidateText(lang, "page.title");
  }, [lang]);
  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);

  /** After the device check (or the practice): the practice when there is one, else the first open question. */
  const afterDevice = (s: Session) =>
    setStep(s.settings.practice_question && s.answered === 0 ? { name: "practice" } : nextQuestion(s));
  const nextQuestion = (s: Session): Step =>
    s.next_question ? { name: "question", index: s.next_question, round: Date.now() } : { name: "review" };

  const giveConsent = async () => {
    try {
      const s = await candidateApi.consent(token);
      setSession(s);
      setStep({ name: "device" });
    } catch (e) {
      setStep({ name: "error", message: errorText(e) });
    }
  };

  const current = stepOf(step);
  const visibleSteps = STEPS.filter((s) => s !== "practice" || session?.settings.practice_question);
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById("main")?.focus();
      }}>
        {c("skip")}
      </a>
      <header className="candidate-top">
        <strong>{session ? session.position.organisation : c("page.title")}</strong>
        {session && current && step.name !== "refused" ? (
          <nav aria-label={c("steps.label")}>
            <ol className="steps">
              {visibleSteps.map((s) => (
                <li key={s} aria-current={s === current ? "step" : undefined}>
                  {c(`step.${s}`)}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="candidate">
        {session && step.name === "question" ? (
          <div className="qprogress">
            <p className="small">{c("progress", { k: step.index, n: session.questions.length })}</p>
            <ProgressBar value={session.answered} max={session.questions.length}
                         label={c("progress.answered", { k: session.answered, n: session.questions.length })} />
          </div>
        ) : null}

        {step.name === "loading" ? <p role="status">{c("loading")}</p> : null}

        {step.name === "refused" ? (
          <section aria-labelledby="step-title" className="step refused" data-testid="refused" data-code={step.code}>
            <StepHeading>{c(`refused.${step.code}.title`)}</StepHeading>
            <p>{c(`refused.${step.code}.text`)}</p>
          </section>
        ) : null}

        {step.name === "error" ? (
          <section aria-labelledby="step-title" className="step">
            <StepHeading>{c("page.title")}</StepHeading>
            <p className="form-error" role="alert">
              {step.message}
            </p>
            <button type="button" className="primary" onClick={retry}>
              {c("error.retry")}
            </button>
          </section>
        ) : null}

        {session && step.name === "resume-upload" ? (
          <section aria-labelledby="step-title" className="step">
            <StepHeading>{c("q.title", { k: step.item.question })}</StepHeading>
            <p role="status">{c("up.resuming")}</p>
            <UploadPanel
              lang={lang}
              token={token}
              item={step.item}
              onUploaded={(s) => {
                setSession(s);
                setStep({ name: "welcome" });
              }}
            />
          </section>
        ) : null}

        {session && step.name === "welcome" ? <Welcome lang={lang} session={session} onNext={() => setStep(session.consent.given_at ? { name: "device" } : { name: "consent" })} /> : null}

        {session && step.name === "consent" ? <Consent lang={lang} session={session} onAgree={giveConsent} /> : null}

        {session && step.name === "device" ? (
          <DeviceCheck lang={lang} stream={stream} onStream={setStream} onDone={() => afterDevice(session)} />
        ) : null}

        {session && stream && step.name === "practice" ? (
          <QuestionStep
            lang={lang}
            token={token}
            invitation={invitation}
            session={session}
            question={null}
            practice
            stream={stream}
            onSession={setSession}
            onNext={() => setStep(nextQuestion(session))}
          />
        ) : null}

        {session && stream && step.name === "question" ? (
          <QuestionStep
            key={`${step.index}-${step.round}`}
            lang={lang}
            token={token}
            invitation={invitation}
            session={session}
            question={session.questions.find((q) => q.index === step.index) ?? null}
            stream={stream}
            onSession={setSession}
            onNext={() => setStep(nextQuestion(session))}
          />
        ) : null}

        {session && step.name === "question" && !stream ? (
          <DeviceCheck lang={lang} stream={stream} onStream={setStream} onDone={() => undefined} />
        ) : null}

        {session && step.name === "review" ? (
          <Review
            lang={lang}
            token={token}
            invitation={invitation}
            session={session}
            onSession={setSession}
            errorText={errorText}
            onSent={(s) => {
              setSession(s);
              stream?.getTracks().forEach((t) => t.stop());
              setStep({ name: "done" });
            }}
          />
        ) : null}

        {session && step.name === "done" ? (
          <section aria-labelledby="step-title" className="step done" data-testid="done">
            <StepHeading>{c("done.title")}</StepHeading>
            <p>{c("done.text", { organisation: session.position.organisation, title: session.position.title })}</p>
            {session.submitted_at ? <p className="small muted">{c("done.when", { date: localDate(session.submitted_at, lang) })}</p> : null}
            <p className="small muted">{c("done.cleared")}</p>
          </section>
        ) : null}
      </main>
    </>
  );
}

function Welcome({ lang, session, onNext }: { lang: Lang; session: Session; onNext: () => void }) {
  const c = (k: CandidateKey, v?: Record<string, string | number>) => candidateText(lang, k, v);
  const s = session.settings;
  const days = session.consent.retention_days;
  return (
    <section aria-labelledby="step-title" className="step welcome">
      <StepHeading>{c("welcome.title", { title: session.position.title })}</StepHeading>
      <p>{c("welcome.hello", { name: session.candidate_name })}</p>
      <p>{c("welcome.intro", { organisation: session.position.organisation })}</p>
      {session.position.description ? <p className="description">{session.position.description}</p> : null}
      {session.answered > 0 && session.next_question ? <p className="ok" role="status">{c("welcome.resume", { k: session.next_question })}</p> : null}
      <h2>{c("welcome.how")}</h2>
      <ul>
        <li>{c("welcome.questions", { n: session.questions.length })}</li>
        <li>
          {s.think_time_sec === null
            ? c("welcome.thinkUnlimited")
            : s.think_time_sec === 0
              ? c("welcome.thinkNone")
              : c("welcome.think", { seconds: durationWords(lang, s.think_time_sec) })}
        </li>
        <li>{c("welcome.answer", { seconds: durationWords(lang, s.answer_time_sec) })}</li>
        <li>{s.takes === null ? c("welcome.takesUnlimited") : s.takes === 1 ? c("welcome.takesOne") : c("welcome.takes", { n: s.takes })}</li>
        <li>{c("welcome.later", { deadline: localDate(session.deadline, lang) })}</li>
      </ul>
      <h2>{c("welcome.privacy")}</h2>
      <p>
        {c("welcome.privacyText", {
          organisation: session.position.organisation,
          days: days > 0 ? c("welcome.days", { n: days }) : c("welcome.privacyForever"),
        })}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onNext}>
          {session.answered > 0 || session.consent.given_at ? c("welcome.continue") : c("welcome.start")}
        </button>
      </div>
    </section>
  );
}

function Consent({ lang, session, onAgree }: { lang: Lang; session: Session; onAgree: () => void }) {
  const c = (k: CandidateKey) => candidateText(lang, k);
  const [agreed, setAgreed] = useState(false);
  const [problem, setProblem] = useState(false);
  return (
    <section aria-labelledby="step-title" className="step consent">
      <StepHeading>{c("consent.title")}</StepHeading>
      <p>{c("consent.read")}</p>
      <blockquote className="consent-text" data-version={session.consent.version}>
        {session.consent.text}
      </blockquote>
      <label className="check">
        <input type="checkbox" checked={agreed} onChange={(e) => {
          setAgreed(e.target.checked);
          setProblem(false);
        }} />
        {c("consent.agree")}
      </label>
      {problem ? (
        <p className="form-error" role="alert">
          {c("consent.required")}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => (agreed ? onAgree() : setProblem(true))}>
          {c("consent.submit")}
        </button>
      </div>
    </section>
  );
}
