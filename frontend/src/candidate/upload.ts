/**
 * One recording uploaded with tus (tus-js-client) to /api/candidate/uploads/: in 256 KiB chunks, each
 * checked by the server against the bytes it holds, so a dropped network, a closed tab or a reload resumes
 * from the last byte received and never sends one twice. Retries on its own while online; while offline it
 * waits for the network and carries on. The upload's URL is handed back as soon as it exists (it is stored
 * with the recording, so a reload resumes the same upload).
 */
import { Upload, type DetailedError } from "tus-js-client";
import { TOKEN_HEADER, UPLOADS } from "./api";

/** Bytes per PATCH request. */
export const CHUNK_BYTES = 256 * 1024;
/** Waits between retries while online, milliseconds (then it stops and says so). */
const RETRY_DELAYS = [0, 1000, 2000, 4000, 8000, 15000, 30000];

export type UploadState = "uploading" | "offline" | "retrying" | "failed" | "done";

export interface UploadHandlers {
  onProgress: (sent: number, total: number) => void;
  onState: (state: UploadState, reason?: string) => void;
  /** the upload's URL once the server made it (store it to resume after a reload) */
  onUrl: (url: string) => void;
}

export interface RunningUpload {
  /** resolves once every byte was received */
  done: Promise<void>;
  /** start again after a failure (resumes where it stopped) */
  retry: () => void;
  /** stop sending (nothing is deleted: a later upload of the same URL resumes) */
  stop: () => void;
}

/** A short reason of a failed request: its HTTP status, else the error's words. */
function reasonOf(err: Error | DetailedError): string {
  const status = (err as DetailedError).originalResponse?.getStatus?.();
  return status ? `HTTP ${status}` : err.message.split("\n")[0].slice(0, 120);
}

/**
 * Upload `blob` as a take of question `question` (or resume `uploadUrl`, an upload made before).
 */
export function uploadTake(
  token: string,
  blob: Blob,
  { question, type, uploadUrl }: { question: number; type: string; uploadUrl?: string | null },
  handlers: UploadHandlers,
): RunningUpload {
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let stopped = false;
  let waitingOnline: (() => void) | null = null;

  const upload = new Upload(blob, {
    endpoint: UPLOADS,
    uploadUrl: uploadUrl ?? null,
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS,
    metadata: { question: String(question), filetype: type },
    headers: { [TOKEN_HEADER]: token },
    storeFingerprintForResuming: false,
    removeFingerprintOnSuccess: true,
    onUploadUrlAvailable: () => {
      if (upload.url) handlers.onUrl(upload.url);
    },
    onProgress: (sent, total) => handlers.onProgress(sent, total),
    onShouldRetry: (err, attempt) => {
      const status = err.originalResponse?.getStatus() ?? 0;
      const retriable = status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
      if (retriable && navigator.onLine) handlers.onState("retrying", `${attempt + 1}`);
      return retriable && navigator.onLine;
    },
    onSuccess: () => {
      window.removeEventListener("online", onOnline);
      handlers.onProgress(blob.size, blob.size);
      handlers.onState("done");
      settle.resolve();
    },
    onError: (err) => {
      if (stopped) return;
      if (!navigator.onLine) {
        // wait for the network, then resume from the last byte the server holds (HEAD, then PATCH)
        handlers.onState("offline");
        waitingOnline = () => {
          handlers.onState("uploading");
          upload.start();
        };
        return;
      }
      const status = (err as DetailedError).originalResponse?.getStatus?.() ?? 0;
      handlers.onState("failed", reasonOf(err));
      if (status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 429) {
        settle.reject(err); // refused for good (no take left, the link expired…): not worth retrying
      }
    },
  });

  function onOnline() {
    const resume = waitingOnline;
    waitingOnline = null;
    resume?.();
  }
  function onOffline() {
    if (!stopped) handlers.onState("offline");
  }
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  handlers.onState(navigator.onLine ? "uploading" : "offline");
  if (navigator.onLine) upload.start();
  else waitingOnline = () => upload.start();

  return {
    done: done.finally(() => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    }),
    retry: () => {
      handlers.onState("uploading");
      upload.start();
    },
    stop: () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      void upload.abort(false);
    },
  };
}
