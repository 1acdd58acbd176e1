/**
 * The video player shared by the report's parts: any component can `seek(t)` (seconds) and
 * read the playhead `time`; the <video> element registers itself with `attach`.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export interface Player {
  /** Move the video to `t` seconds (and bring it into view). No-op without a video. */
  seek: (t: number) => void;
  /** Play from `start` and pause at `end` (seconds): one answer on its own. No-op without a video. */
  playRange: (start: number, end: number) => void;
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
  /** where a range being played stops (seconds), or null */
  const stopAt = useRef<number | null>(null);
  const [time, setTime] = useState(0);
  const [ready, setReady] = useState(false);
  const attach = useCallback((el: HTMLVideoElement | null) => {
    const previous = videoRef.current;
    if (previous && previous !== el) previous.removeEventListener("timeupdate", stopAtEnd);
    videoRef.current = el;
    el?.addEventListener("timeupdate", stopAtEnd);
    setReady(el !== null);
  }, []);
  /** Pause a range at its end (the player's own timeupdate events); a pause or a seek by hand ends the range. */
  function stopAtEnd(this: HTMLVideoElement) {
    if (stopAt.current !== null && this.currentTime >= stopAt.current) {
      stopAt.current = null;
      this.pause();
    }
  }
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
  const playRange = useCallback((start: number, end: number) => {
    const el = videoRef.current;
    if (!el) return;
    seek(start);
    stopAt.current = end;
    void el.play().catch(() => {
      stopAt.current = null;
    });
  }, [seek]);
  const value = useMemo(() => ({ seek, playRange, time, ready, attach, setTime }), [seek, playRange, time, ready, attach]);
  return <PlayerContext.Provider value={value}>{children}</PlayerContext.Provider>;
}

export function usePlayer(): Player {
  const ctx = useContext(PlayerContext);
  if (!ctx) throw new Error("usePlayer() outside <PlayerProvider>");
  return ctx;
}
