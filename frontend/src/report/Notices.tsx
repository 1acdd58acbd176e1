/**
 * The warnings box: every notice in the reader's language (by code + params; the English message
 * for an unknown code). Technical details (model names, environment variables) never appear in
 * the box: only in a collapsed "technical details" section, for administrators.
 */
import { useI18n } from "../i18n/i18n";
import { noticesOf, noticeText } from "./localise";
import type { Report } from "./types";

export function NoticesBox({ report, technical }: { report: Report; technical: boolean }) {
  const { t, lang } = useI18n();
  const notices = noticesOf(report);
  if (!notices.length) return null;
  const tech = notices.filter((n) => typeof n.technical === "string" && n.technical.trim());
  return (
    <>
    <section className="warnings" aria-labelledby="h-warnings" data-testid="warnings">
      <h2 id="h-warnings">{t("report.warnings")}</h2>
      <ul>
        {notices.map((n, i) => (
          <li key={i} data-code={n.code}>
            {noticeText(n, lang)}
          </li>
        ))}
      </ul>
    </section>
      {technical && tech.length ? (
        <details className="technical small" data-testid="technical-details">
          <summary>{t("report.technical")}</summary>
          <ul>
            {tech.map((n, i) => (
              <li key={i}>
                <code>{n.code}</code> {n.technical}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
