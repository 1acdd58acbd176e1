/**
 * Recording the candidate: the camera and microphone stream (getUserMedia), the recording format the browser
 * offers (WebM VP9/VP8 + Opus where it can, MP4 H.264 + AAC on Safari), one answer recorded with
 * MediaRecorder, and why a device could not start, in a code the page words.
 */

/** Formats tried in this order; the first one the browser records is used. */
export const FORMATS = [
  "video/webm;codecs=vp9,opus",
  "video/webm;codecs=vp8,opus",
  "video/webm",
  "video/mp4;codecs=avc1.42E01E,mp4a.40.2",
  "video/mp4",
];

/** The recording format to use, or "" (the browser's default, or none). */
export function recordingFormat(): string {
  if (typeof MediaRecorder === "undefined") return "";
  return FORMATS.find((f) => MediaRecorder.isTypeSupported?.(f)) ?? "";
}

export type DeviceProblem = "denied" | "none" | "busy" | "unsupported" | "insecure" | "failed";

/** Why getUserMedia failed, as a code (`failed` with the error's name otherwise). */
export function deviceProblem(err: unknown): DeviceProblem {
  const name = (err as { name?: string })?.name ?? "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "none";
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") return "busy";
  return "failed";
}

/** Whether this page can record at all (a secure context with getUserMedia and MediaRecorder). */
export function recordingSupport(): DeviceProblem | null {
  if (typeof window !== "undefined" && window.isSecureContext === false) return "insecure";
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") return "unsupported";
  return null;
}

/** The camera (640×480 at most, front-facing on a phone) and the microphone. */
export function openDevices(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" },
    audio: { echoCancellation: true, noiseSuppression: true },
  });
}

export interface Recorded {
  blob: Blob;
  type: string;
  /** measured from the recorder's start to its stop, milliseconds */
  durationMs: number;
}

/** One answer being recorded: `stop()` ends it; `result` resolves with the recording. */
export interface Recording {
  stop: () => void;
  result: Promise<Recorded>;
}

/** Record `stream` with MediaRecorder (1 Mbit/s of video, 64 kbit/s of sound: a 2-minute answer is about 15 MB). */
export function record(stream: MediaStream): Recording {
  const format = recordingFormat();
  const recorder = new MediaRecorder(stream, {
    ...(format ? { mimeType: format } : {}),
    videoBitsPerSecond: 1_000_000,
    audioBitsPerSecond: 64_000,
  });
  const chunks: Blob[] = [];
  let started = 0;
  const result = new Promise<Recorded>((resolve, reject) => {
    recorder.ondataavailable = (e) => {
      if (e.data && e.data.size > 0) chunks.push(e.data);
    };
    recorder.onstart = () => {
      started = performance.now();
    };
    recorder.onstop = () => {
      const type = (recorder.mimeType || format || "video/webm").split(";")[0];
      resolve({ blob: new Blob(chunks, { type }), type, durationMs: Math.round(performance.now() - started) });
    };
    recorder.onerror = (e) => reject((e as unknown as { error?: Error }).error ?? new Error("recording failed"));
  });
  recorder.start(1000); // a piece each second: a long answer never sits in one buffer
  return {
    stop: () => {
      if (recorder.state !== "inactive") recorder.stop();
    },
    result,
  };
}

/** A microphone level meter: `read()` gives the level 0-100 (RMS of the last frame); `close()` stops it. */
export function levelMeter(stream: MediaStream): { read: () => number; close: () => void } {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx || stream.getAudioTracks().length === 0) return { read: () => 0, close: () => undefined };
  const ctx = new Ctx();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  return {
    read: () => {
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) sum += v * v;
      const rms = Math.sqrt(sum / data.length);
      // -60 dBFS → 0, 0 dBFS → 100
      const db = 20 * Math.log10(Math.max(rms, 1e-6));
      return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
    },
    close: () => {
      source.disconnect();
      void ctx.close();
    },
  };
}
