/**
 * A timeline chart over the recording: one lane per kind of event (spans such as pauses or
 * expressions, point markers such as fillers or nods), a time axis and the video playhead.
 * Clicking anywhere on a lane, or a marker, seeks the video; the axis is a keyboard slider
 * (← → 2 s, Shift 10 s, Home/End).
 */
import type { KeyboardEvent, MouseEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { clock } from "./format";
import { usePlayer } from "./player";

export interface LaneItem {
  /** seconds */
  start: number;
  /** seconds; absent for a point marker */
  end?: number;
  /** what the item is, for the tooltip and screen readers */
  label: string;
  /** extra CSS class (e.g. the emotion's colour) */
  className?: string;
}

export interface Lane {
  key: string;
  label: string;
  items: LaneItem[];
  /** markers of this lane are buttons in the tab order (keep it for short lists) */
  focusable?: boolean;
}

function tickStep(duration: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800];
  return steps.find((s) => duration / s <= 10) ?? 3600;
}

export function Timeline({ lanes, duration, testId, label }: { lanes: Lane[]; duration: number; testId?: string; label: string }) {
  const { t } = useI18n();
  const player = usePlayer();
  const total = duration > 0 ? duration : 1;
  const x = (s: number) => `${Math.max(0, Math.min(100, (100 * s) / total))}%`;
  const w = (a: number, b: number) => `${Math.max(0.25, (100 * Math.max(0, b - a)) / total)}%`;

  const seekAt = (e: MouseEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    player.seek(Math.max(0, Math.min(total, ((e.clientX - rect.left) / rect.width) * total)));
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const step = e.shiftKey ? 10 : 2;
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step };
    if (e.key in moves) player.seek(Math.max(0, Math.min(total, player.time + moves[e.key])));
    else if (e.key === "Home") player.seek(0);
    else if (e.key === "End") player.seek(total);
    else return;
    e.preventDefault();
  };
  const step = tickStep(total);
  const ticks: number[] = [];
  for (let s = 0; s <= total + 1e-6; s += step) ticks.push(s);

  return (
    <div className="timeline" data-testid={testId} role="group" aria-label={label}>
      {lanes.map((lane) => (
        <div className="tl-row" key={lane.key} data-lane={lane.key}>
          <div className="tl-label">{lane.label}</div>
          <div className="tl-track" onClick={seekAt}>
            {lane.items.map((it, i) =>
              it.end != null ? (
                <div
                  key={i}
                  className={`tl-span ${it.className ?? ""}`}
                  style={{ left: x(it.start), width: w(it.start, it.end) }}
                  title={`${it.label} · ${clock(it.start)}–${clock(it.end)}`}
                />
              ) : (
                <button
                  key={i}
                  type="button"
                  className={`tl-mark ${it.className ?? ""}`}
                  style={{ left: x(it.start) }}
                  title={`${it.label} · ${clock(it.start)}`}
                  aria-label={`${it.label}, ${t("report.seekTo", { time: clock(it.start) })}`}
                  tabIndex={lane.focusable ? 0 : -1}
                  onClick={(e) => {
                    e.stopPropagation();
                    player.seek(it.start);
                  }}
                />
              ),
            )}
            <div className="tl-playhead" style={{ left: x(player.time) }} aria-hidden="true" />
          </div>
        </div>
      ))}
      <div className="tl-row tl-axis-row">
        <div className="tl-label" />
        <div
          className="tl-axis"
          role="slider"
          tabIndex={0}
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={Math.round(total)}
          aria-valuenow={Math.round(player.time)}
          aria-valuetext={clock(player.time)}
          onKeyDown={onKey}
          onClick={seekAt}
        >
          {ticks.map((s) => (
            <span key={s} className="tl-tick" style={{ left: x(s) }}>
              {clock(s)}
            </span>
          ))}
          <div className="tl-playhead" style={{ left: x(player.time) }} aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}
