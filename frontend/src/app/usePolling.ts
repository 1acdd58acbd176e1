/** Call `fn` every `ms` milliseconds while `active` (and once at once when it becomes active). */
import { useEffect, useRef } from "react";

export function usePolling(fn: () => void | Promise<void>, ms: number, active: boolean): void {
  // The latest `fn`, kept after each render (a ref is not written during render).
  const saved = useRef(fn);
  useEffect(() => {
    saved.current = fn;
  }, [fn]);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await saved.current();
      } finally {
        if (!stopped) timer = setTimeout(tick, ms);
      }
    };
    timer = setTimeout(tick, ms);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [ms, active]);
}
