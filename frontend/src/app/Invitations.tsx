/**
 * A position's invitations: candidates invited to record the one-way interview in their browser, each with
 * its state (sent, opened, in progress, submitted, expired, revoked) and how many questions are answered;
 * inviting one (the personal link shown once, e-mailed when asked), a new link, revoking, deleting with
 * everything recorded, the candidate's data export, and the interview once the answers were sent.
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { dateTime } from "../report/format";
import { ApiError } from "./api";
import { FormError } from "./FormError";
import {
  deadlineOf, defaultDeadline, invitationExportUrl, invitationsApi, type CandidateLanguage, type Invitation, type InvitationWithLink,
} from "./invitations";
import { useOneWayText, type OneWayKey } from "./oneway.messages";
import type { Position } from "./positions";
import { apiErrorText } from "./reasons";
import { href } from "./route";
import { useReload } from "./useReload";

/** The link just made, with what became of its e-mail. */
function LinkBox({ made }: { made: InvitationWithLink }) {
  const o = useOneWayText();
  const ids = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(made.link);
      setCopied(true);
    } catch {
      (document.getElementById(`${ids}-link`) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="link-box" data-testid="invitation-link">
      <label htmlFor={`${ids}-link`}>{o("inv.link", { name: made.invitation.candidate_name })}</label>
      <div className="row">
        <input id={`${ids}-link`} readOnly value={made.link} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          {o("inv.copy")}
        </button>
      </div>
      <p className="small muted">{o("inv.linkHint")}</p>
      {copied ? <p className="form-ok" role="status">{o("inv.copied")}</p> : null}
      {made.emailed ? <p className="form-ok" role="status">{o("inv.emailed", { email: made.invitation.email ?? "" })}</p> : null}
      {made.email_error ? <p className="form-error" role="alert">{o("inv.emailFailed", { reason: made.email_error })}</p> : null}
    </div>
  );
}

function InviteForm({ position, onMade }: { position: Position; onMade: (made: InvitationWithLink) => void }) {
  const { t, lang } = useI18n();
  const o = useOneWayText();
  const ids = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [language, setLanguage] = useState<CandidateLanguage>(position.language === "en" ? "en" : "fr");
  const [deadline, setDeadline] = useState(() => defaultDeadline());
  const [send, setSend] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const when = deadlineOf(deadline);
    if (!name.trim()) return setError(o("inv.err.name"));
    if (send && !email.trim()) return setError(o("inv.err.email"));
    if (!when || new Date(when).getTime() <= Date.now()) return setError(o("inv.err.deadline"));
    setError(null);
    setBusy(true);
    try {
      onMade(await invitationsApi.create(position.id, { candidate_name: name.trim(), email: email.trim(), language, deadline: when, send_email: send }));
      setName("");
      setEmail("");
      setSend(false);
    } catch (err) {
      setError(t("common.error", { message: apiErrorText(lang, err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="invite-form" onSubmit={submit} noValidate data-testid="invite-form">
      <h3>{o("inv.new")}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${ids}-name`}>{o("inv.name")}</label>
          <input id={`${ids}-name`} value={name} maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-email`}>{o("inv.email")}</label>
          <input id={`${ids}-email`} type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-lang`}>{o("inv.language")}</label>
          <select id={`${ids}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as CandidateLanguage)}>
            <option value="fr">{o("lang.fr")}</option>
            <option value="en">{o("lang.en")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-deadline`}>{o("inv.deadline")}</label>
          <input id={`${ids}-deadline`} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />
        {o("inv.sendEmail")}
      </label>
      <FormError error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {o("inv.create")}
      </button>
    </form>
  );
}

function stateText(o: (k: OneWayKey, v?: Record<string, string | number>) => string, inv: Invitation): string {
  const base = o(`inv.state.${inv.state}` as OneWayKey);
  if (inv.state !== "submitted" || inv.interview) return base;
  return `${base} (${inv.assembly_error ? o("inv.assemblyFailed") : o("inv.preparing")})`;
}

export function InvitationsPanel({ position, onAuthLost }: { position: Position; onAuthLost: () => void }) {
  const { t, lang } = useI18n();
  const o = useOneWayText();
  const [rows, setRows] = useState<Invitation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<InvitationWithLink | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const list = await invitationsApi.list(position.id);
      if (!isCurrent()) return;
      setRows(list);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && e.status === 401) onAuthLost();
      else setError(apiErrorText(lang, e));
    }
  }, [position.id, onAuthLost, lang]);
  const reload = useReload(load);

  const act = async (fn: () => Promise<unknown>, after?: (result: unknown) => void) => {
    setError(null);
    setNote(null);
    try {
      const result = await fn();
      after?.(result);
      await reload();
    } catch (e) {
      setError(t("common.error", { message: apiErrorText(lang, e) }));
    }
  };

  return (
    <section className="card wide invitations" aria-labelledby="h-invitations" data-testid="invitations">
      <h2 id="h-invitations">{o("inv.title")}</h2>
      <p className="hint">{o("inv.intro")}</p>
      {made ? <LinkBox made={made} /> : null}
      {note ? <p className="form-ok" role="status">{note}</p> : null}
      <FormError error={error} />
      {rows === null ? (
        error ? null : <p>{t("common.loading")}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{o("inv.empty")}</p>
      ) : (
        <table className="list" data-testid="invitation-rows">
          <thead>
            <tr>
              <th scope="col">{o("inv.col.candidate")}</th>
              <th scope="col">{o("inv.col.state")}</th>
              <th scope="col">{o("inv.col.progress")}</th>
              <th scope="col">{o("inv.col.deadline")}</th>
              <th scope="col">{o("inv.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((inv) => {
              const open = inv.state !== "submitted" && inv.state !== "revoked";
              return (
                <tr key={inv.id} data-testid="invitation-row" data-state={inv.state}>
                  <th scope="row">
                    {inv.candidate_name}
                    {inv.email ? <div className="small muted">{inv.email}</div> : null}
                  </th>
                  <td>
                    <span className={`inv-state inv-${inv.state}`}>{stateText(o, inv)}</span>
                    {inv.failed_answers.length ? (
                      <div className="small form-error">{o("inv.failed", { list: inv.failed_answers.map((f) => f.question_index).join(", ") })}</div>
                    ) : null}
                  </td>
                  <td className="num">{o("inv.progress", { k: inv.answered, n: inv.questions })}</td>
                  <td className="num">{dateTime(inv.deadline, lang)}</td>
                  <td>
                    <div className="actions" role="group" aria-label={o("inv.actionsFor", { name: inv.candidate_name })}>
                      {inv.interview ? (
                        <a className="button" href={href({ name: "interview", id: inv.interview })}>
                          {o("inv.openInterview")}
                        </a>
                      ) : null}
                      {open ? (
                        <>
                          <button type="button" onClick={() => void act(() => invitationsApi.newLink(position.id, inv.id, false), (r) => setMade(r as InvitationWithLink))}>
                            {o("inv.newLink")}
                          </button>
                          {inv.email ? (
                            <button type="button" onClick={() => void act(() => invitationsApi.newLink(position.id, inv.id, true), (r) => setMade(r as InvitationWithLink))}>
                              {o("inv.resend")}
                            </button>
                          ) : null}
                          <button type="button" onClick={() => void act(() => invitationsApi.revoke(position.id, inv.id), () => setNote(o("inv.revoked")))}>
                            {o("inv.revoke")}
                          </button>
                        </>
                      ) : null}
                      <a className="button" href={invitationExportUrl(position.id, inv.id)} download>
                        {o("inv.export")}
                      </a>
                      {confirming === inv.id ? (
                        <span className="confirm" role="group">
                          <span>{o("inv.confirmDelete", { name: inv.candidate_name })}</span>
                          <button type="button" className="danger" onClick={() => void act(() => invitationsApi.remove(position.id, inv.id), () => setConfirming(null))}>
                            {o("inv.confirmYes")}
                          </button>
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t("common.cancel")}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="danger-outline" onClick={() => setConfirming(inv.id)}>
                          {o("inv.delete")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {position.questions.length ? (
        <InviteForm position={position} onMade={(m) => {
          setMade(m);
          setNote(o("inv.created", { name: m.invitation.candidate_name }));
          void reload();
        }} />
      ) : (
        <p className="muted">{o("inv.noQuestion")}</p>
      )}
    </section>
  );
}
