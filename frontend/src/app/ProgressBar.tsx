/** A bar showing `value` out of `max`, named for screen readers: a progress bar, or a meter (the microphone's level). */

export function ProgressBar({
  value,
  max = 100,
  label,
  role = "progressbar",
  className = "progress",
  testId,
}: {
  value: number;
  max?: number;
  /** what the bar measures, as a screen reader says it */
  label: string;
  role?: "progressbar" | "meter";
  /** the bar's class; its fill's is `<className>-fill` */
  className?: string;
  testId?: string;
}) {
  return (
    <div
      className={className}
      role={role}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.round(value)}
      data-testid={testId}
    >
      <div className={`${className}-fill`} style={{ width: `${(100 * value) / Math.max(1, max)}%` }} />
    </div>
  );
}
