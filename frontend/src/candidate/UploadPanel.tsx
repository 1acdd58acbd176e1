/**
 * The upload of one recording kept on this device: its progress, a cut network said plainly (it resumes by
 * itself when the network is back), a failure with "try again"; once every byte arrived, the session is read
 * again to learn what the server made of the take (received or failed, and why).
 */
import { useEffect, useRef, useState } from "react";
import { ProgressBar } from "../app/ProgressBar";
import type { Lang } from "../i18n/messages";
import { candidateApi, type Session } from "./api";
import { candidateText, type CandidateKey } from "./messages";
import { pending, type PendingTake } from "./pending";
import { uploadTake, type RunningUpload, type UploadState } from "./upload";

/** The take's id on the server: the last part of its upload URL. */
export const takeIdOf = (url: string) => url.replace(/\/+$/, "").split("/").pop() ?? "";

export function UploadPanel({
  lang,
  token,
  item,
  onUploaded,
}: {
  lang: Lang;
  token: string;
  item: PendingTake;
  /** every byte arrived: the session read again, and the take's id */
  onUploaded: (session: Session, takeId: string) => void;
}) {
  const c = (k: CandidateKey, v?: Record<string, string | number>) => candidateText(lang, k, v);
  const [sent, setSent] = useState(0);
  const [state, setState] = useState<UploadState>("uploading");
  const [reason, setReason] = useState("");
  const running = useRef<RunningUpload | null>(null);
  /** once every byte arrived: ask the server's verdict again (else the retry resumes the upload) */
  const retryVerdict = useRef<(() => void) | null>(null);
  const record = useRef<PendingTake>(item);
  const done = useRef(onUploaded);
  useEffect(() => {
    done.current = onUploaded;
  });

  useEffect(() => {
    let alive = true;
    const up = uploadTake(token, item.blob, { question: item.question, type: item.type, uploadUrl: item.uploadUrl }, {
      onProgress: (bytes) => alive && setSent(bytes),
      onState: (s, why) => {
        if (!alive) return;
        setState(s);
        setReason(why ?? "");
      },
      onUrl: (url) => {
        record.current = { ...record.current, uploadUrl: url, takeId: takeIdOf(url) };
        void pending.put(record.current).catch(() => undefined);
      },
    });
    running.current = up;
    // what the server made of the take; a network that drops right now is said, and "try again" asks again
    const verdict = async () => {
      let session: Session | null = null;
      for (const wait of [0, 1000, 3000]) {
        await new Promise((r) => setTimeout(r, wait));
        session = await candidateApi.session(token).catch(() => null);
        if (session || !alive) break;
      }
      if (!alive) return;
      if (session) done.current(session, record.current.takeId ?? "");
      else {
        setState("failed");
        setReason(candidateText(lang, "error.network"));
      }
    };
    up.done
      .then(async () => {
        record.current = { ...record.current, uploaded: true };
        await pending.put(record.current).catch(() => undefined);
        retryVerdict.current = () => {
          setState("done");
          void verdict();
        };
        await verdict();
      })
      .catch(() => undefined); // refused for good: said by onState("failed")
    return () => {
      alive = false;
      up.stop();
    };
  }, [token, item, lang]);

  const percent = item.blob.size ? Math.round((100 * sent) / item.blob.size) : 100;
  return (
    <div className="upload" data-testid="upload" data-state={state}>
      <h2>{c("up.title")}</h2>
      <div className="progress-row">
        <ProgressBar value={percent} label={c("up.progress")} />
        <span className="small">{c("up.percent", { percent })}</span>
      </div>
      {state === "offline" ? (
        <p className="warn" role="alert" data-testid="offline">
          {c("up.offline")}
        </p>
      ) : null}
      {state === "retrying" ? <p role="status">{c("up.retrying")}</p> : null}
      {state === "done" ? <p role="status">{c("up.checking")}</p> : null}
      {state === "failed" ? (
        <div role="alert">
          <p className="form-error">{c("up.failed", { reason })}</p>
          <button type="button" className="primary" onClick={() => (retryVerdict.current ?? running.current?.retry)?.()}>
            {c("up.retry")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
