/**
 * The offline viewer (report.html): the report JSON is embedded in <script id="report-data">
 * by scripts/html_report.py, and rendered with the same ReportView as the web app.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider, LangToggle, useI18n } from "../i18n/i18n";
import { ReportView } from "../report/ReportView";
import type { Report } from "../report/types";
import "./viewer.css";

function readJson(id: string): unknown {
  const el = document.getElementById(id);
  if (!el || !el.textContent) return null;
  try {
    return JSON.parse(el.textContent);
  } catch {
    return null;
  }
}

export function Viewer({ report, video }: { report: Report | null; video: string | null }) {
  const { t } = useI18n();
  if (!report) return <p className="viewer-empty">{t("viewer.noData")}</p>;
  return (
    <ReportView report={report} videoSrc={video} allowLocalVideo subtitle={t("viewer.offline")} actions={<LangToggle />} />
  );
}

const report = readJson("report-data") as Report | null;
const videoInfo = readJson("report-video") as { src?: string } | null;
// scripts/html_report.py writes the report's language into <html lang>: the page opens in it (the toggle stays).
const pageLang = document.documentElement.lang;
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider lang={pageLang === "en" || pageLang === "fr" ? pageLang : undefined}>
      <Viewer report={report} video={videoInfo?.src ?? null} />
    </I18nProvider>
  </StrictMode>,
);
