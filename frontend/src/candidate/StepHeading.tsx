/** A step's heading: focused when the step appears, so a screen reader and the keyboard start there. */
import { useEffect, useRef, type ReactNode } from "react";

export function StepHeading({ children, level = 1 }: { children: ReactNode; level?: 1 | 2 }) {
  const ref = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Tag = level === 1 ? "h1" : "h2";
  return (
    <Tag id="step-title" ref={ref} tabIndex={-1}>
      {children}
    </Tag>
  );
}
