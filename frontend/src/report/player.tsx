/**
 * The video player shared by the report's parts: any component can `seek(t)` (seconds) and
 * read the playhead `time`; the <video> element registers itself with `attach`.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export interface Player {
  /** Move the video to `t` seconds (and bring it into view). No-op without a video. */
  seek: (t: number) => void;
  /** Current playhead, seconds. */
  time: number;
  /** Whether a video is attached. */
  ready: boolean;
  attach: (el: HTMLVideoElement | null) => void;
  setTime: (t: number) => void;
}

const PlayerContext = createContext<Player | null>(null);

export function PlayerProvider({ children }: { children: ReactNode }) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [time, setTime] = useState(0);
  const [ready, setReady] = useState(false);
  const attach = useCallback((el: HTMLVideoElement | null) => {
    videoRef.current = el;
    setReady(el !== null);
  }, []);
  const seek = useCallback((t: number) => {
    setTime(t);
    const el = videoRef.current;
    if (!el) return;
    try {
      el.currentTime = Math.max(0, t);
    } catch {
      /* media not loaded yet */
    }
    if (typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, []);
  const value = useMemo(() => ({ seek, time, ready, attach, setTime }), [seek, time, ready, attach]);
  return <PlayerContext.Provider value={value}>{children}</PlayerContext.Provider>;
}

export function usePlayer(): Player {
  const ctx = useContext(PlayerContext);
  if (!ctx) throw new Error("usePlayer() outside <PlayerProvider>");
  return ctx;
}
