/** The camera and microphone check: the browser's permission, a live preview, a microphone level meter. */
import { useEffect, useRef, useState } from "react";
import { ProgressBar } from "../app/ProgressBar";
import { type Lang } from "../i18n/messages";
import { candidateText } from "./messages";
import { deviceProblem, levelMeter, openDevices, recordingSupport, type DeviceProblem } from "./recorder";
import { StepHeading } from "./StepHeading";

const PROBLEM_KEYS = {
  denied: "device.denied",
  none: "device.none",
  busy: "device.busy",
  unsupported: "device.unsupported",
  insecure: "device.insecure",
  failed: "device.failed",
} as const;

/** A video element showing `stream` (muted: the candidate's own voice is not played back). */
export function Preview({ stream, label }: { stream: MediaStream; label: string }) {
  const ref = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    void v.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className="preview" muted playsInline autoPlay aria-label={label} />;
}

/** The microphone's level as a meter (0-100), read ten times a second. */
export function LevelMeter({ stream, lang }: { stream: MediaStream; lang: Lang }) {
  const [level, setLevel] = useState(0);
  const [heard, setHeard] = useState(false);
  useEffect(() => {
    const meter = levelMeter(stream);
    const timer = window.setInterval(() => {
      const v = meter.read();
      setLevel(v);
      if (v > 25) setHeard(true);
    }, 100);
    return () => {
      window.clearInterval(timer);
      meter.close();
    };
  }, [stream]);
  const c = (k: "device.level" | "device.speak" | "device.heard") => candidateText(lang, k);
  return (
    <div className="level">
      <ProgressBar value={level} label={c("device.level")} role="meter" className="meter" testId="mic-level" />
      <p className="small" role="status">
        {heard ? c("device.heard") : c("device.speak")}
      </p>
    </div>
  );
}

export function DeviceCheck({
  lang,
  stream,
  onStream,
  onDone,
}: {
  lang: Lang;
  stream: MediaStream | null;
  onStream: (s: MediaStream) => void;
  onDone: () => void;
}) {
  const [problem, setProblem] = useState<{ code: DeviceProblem; reason: string } | null>(() => {
    const code = recordingSupport();
    return code ? { code, reason: "" } : null;
  });
  const [busy, setBusy] = useState(false);
  const c = (k: Parameters<typeof candidateText>[1], v?: Record<string, string | number>) => candidateText(lang, k, v);

  const ask = async () => {
    const unsupported = recordingSupport();
    if (unsupported) {
      setProblem({ code: unsupported, reason: "" });
      return;
    }
    setBusy(true);
    try {
      onStream(await openDevices());
      setProblem(null);
    } catch (e) {
      setProblem({ code: deviceProblem(e), reason: (e as Error)?.name ?? "" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="step-title" className="step">
      <StepHeading>{c("device.title")}</StepHeading>
      <p>{c("device.intro")}</p>
      {problem ? (
        <div className="problem" role="alert" data-testid="device-problem" data-problem={problem.code}>
          <p>{c(PROBLEM_KEYS[problem.code], { reason: problem.reason })}</p>
        </div>
      ) : null}
      {stream ? (
        <>
          <Preview stream={stream} label={c("device.preview")} />
          <LevelMeter stream={stream} lang={lang} />
          <div className="actions">
            <button type="button" className="primary" onClick={onDone}>
              {c("device.ok")}
            </button>
          </div>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={ask} disabled={busy || problem?.code === "unsupported" || problem?.code === "insecure"}>
            {problem ? c("device.retry") : c("device.ask")}
          </button>
        </div>
      )}
    </section>
  );
}
