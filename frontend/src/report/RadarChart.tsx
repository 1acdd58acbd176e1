/**
 * Radar chart of the three scores (hand-written SVG): each axis is points / max of that part.
 * It never pretends: with a part not measured there is no area (a missing part is not 0), only
 * the dots of the measured parts, and the unmeasured axis is dashed and labelled "not measured".
 */
import { useI18n } from "../i18n/i18n";
import { num } from "./format";

export interface RadarAxis {
  key: string;
  label: string;
  points: number | null | undefined;
  max: number;
}

const W = 460;
const H = 316;
const CX = W / 2;
const CY = 172;
const R = 120;

function polar(i: number, n: number, frac: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return [CX + R * frac * Math.cos(angle), CY + R * frac * Math.sin(angle)];
}

const pt = ([x, y]: [number, number]) => `${x.toFixed(1)},${y.toFixed(1)}`;

export function RadarChart({ axes }: { axes: RadarAxis[] }) {
  const { t, lang } = useI18n();
  const n = axes.length;
  const complete = axes.every((a) => a.points != null);
  const fracs = axes.map((a) => (a.points == null || a.max <= 0 ? 0 : Math.max(0, Math.min(1, a.points / a.max))));
  const desc = axes
    .map((a) => `${a.label} ${a.points == null ? t("common.notMeasured") : `${num(a.points, lang)} / ${num(a.max, lang)}`}`)
    .join(", ");
  return (
    <svg className="radar" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("report.radarLabel", { desc })} data-testid="radar-chart" data-complete={complete ? "true" : "false"}>
      {[0.25, 0.5, 0.75, 1].map((f) => (
        <polygon key={f} className="radar-ring" points={axes.map((_, i) => pt(polar(i, n, f))).join(" ")} />
      ))}
      {axes.map((a, i) => {
        const [x, y] = polar(i, n, 1);
        return <line key={a.key} className={`radar-axis${a.points == null ? " unmeasured" : ""}`} strokeDasharray={a.points == null ? "4 4" : undefined} x1={CX} y1={CY} x2={x} y2={y} />;
      })}
      {complete ? <polygon className="radar-area" points={fracs.map((f, i) => pt(polar(i, n, f))).join(" ")} /> : null}
      {axes.map((a, i) => {
        const [x, y] = polar(i, n, fracs[i]);
        return a.points == null ? null : <circle key={a.key} className="radar-dot" cx={x} cy={y} r={4} />;
      })}
      {axes.map((a, i) => {
        const [x, y] = polar(i, n, 1.16);
        const anchor = Math.abs(x - CX) < 5 ? "middle" : x > CX ? "start" : "end";
        const dy = y < CY ? -8 : 10;
        return (
          <text key={a.key} className="radar-label" x={x} y={y + dy} textAnchor={anchor}>
            <tspan x={x} className="radar-name">{a.label}</tspan>
            <tspan x={x} dy="1.2em" className="radar-value">
              {a.points == null ? t("common.notMeasured") : `${num(a.points, lang)} / ${num(a.max, lang)}`}
            </tspan>
          </text>
        );
      })}
    </svg>
  );
}
