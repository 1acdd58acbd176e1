/**
 * Inside a report: once the video is attached, move it to `t` seconds and scroll to question `q`
 * (1-based) of the questions panel, as a link from the comparison table asks (`?t=…&q=…`).
 */
import { useEffect, useRef } from "react";
import { usePlayer } from "../report/player";

/** The report's block of question `q` (1-based), or null. */
export function questionElement(q: number, root: ParentNode = document): HTMLElement | null {
  return root.querySelectorAll<HTMLElement>('[data-testid="questions-panel"] [data-testid="question"]')[q - 1] ?? null;
}

export function SeekTo({ t, q }: { t?: number; q?: number }) {
  const player = usePlayer();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || (t != null && !player.ready)) return;
    done.current = true;
    if (t != null) player.seek(t);
    const el = q != null ? questionElement(q) : null;
    if (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      el.focus({ preventScroll: true });
      if (typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }, [player, player.ready, t, q]);
  return null;
}
