/** One interview: its status while it is analysed (polled), then the report with the video and the assessment. */
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { ReportView } from "../report/ReportView";
import type { Report } from "../report/types";
import { dateTime } from "../report/format";
import { ofName } from "../i18n/grammar";
import { apiErrorText } from "./reasons";
import { api, ApiError, blurState, type Interview, type ServerConfig } from "./api";
import { AssessmentForm, DecisionSummary } from "./Assessment";
import { AuditPanel } from "./AuditLog";
import { PrivacyPanel } from "./Privacy";
import { RubricsPanel } from "./Rubrics";
import { href } from "./route";
import { StatusCell } from "./Status";
import { POLL_MS } from "./InterviewList";
import { usePolling } from "./usePolling";
import { useReload } from "./useReload";
import { DemographicsPanel } from "./Demographics";
import { canManage, demographicCategories, positionsApi, type OrgRole } from "./positions";
import { SeekTo } from "./SeekTo";
import { useHiringText } from "./hiring.messages";
import { ScorecardPanel } from "./Scorecard";
import { TeamRatings } from "./TeamRatings";

export function InterviewPage({
  id,
  onAuthLost,
  isAdmin = false,
  seek,
  config = null,
}: {
  id: string;
  onAuthLost: () => void;
  isAdmin?: boolean;
  /** open the video at `t` seconds and scroll to question `q` (1-based), as the comparison's links ask */
  seek?: { t?: number; q?: number };
  config?: ServerConfig | null;
}) {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const [iv, setIv] = useState<Interview | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** bumped when the caller saves their scorecard: the team's ratings are read again */
  const [cardSaves, setCardSaves] = useState(0);

  const reportFor = useRef<number | null>(null);
  const positionId = typeof iv?.position === "string" ? iv.position : null;
  /** the caller's role in the organisation of the position it was read for */
  const [roleOf, setRoleOf] = useState<{ positionId: string; role: OrgRole | null } | null>(null);
  /** the caller's role in the position's organisation (null: no position, or not known yet) */
  const role = positionId && roleOf?.positionId === positionId ? roleOf.role : null;
  useEffect(() => {
    if (!positionId) return;
    let live = true;
    positionsApi.get(positionId).then(
      (p) => live && setRoleOf({ positionId, role: p.role }),
      () => live && setRoleOf({ positionId, role: null }),
    );
    return () => {
      live = false;
    };
  }, [positionId]);

  // One page per interview (the app keys it by `id`), so its state starts empty for each.
  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const next = await api.get(id);
      if (next.status === "DONE" && reportFor.current !== next.report_version) {
        const r = await api.report(id);
        if (!isCurrent()) return;
        reportFor.current = next.report_version;
        setReport(r);
      }
      if (!isCurrent()) return;
      setIv(next);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) onAuthLost();
      else setError(apiErrorText(lang, e));
    }
  }, [id, onAuthLost, lang]);
  const reload = useReload(load);

  const blurStatus = iv ? blurState(iv).status : "";
  const active = !!iv && (iv.job_active || iv.status === "RUNNING" || ["PENDING", "QUEUED", "RUNNING"].includes(blurStatus));
  usePolling(reload, POLL_MS, active);

  const analyse = async () => {
    try {
      setIv(await api.analyze(id));
    } catch (e) {
      setError(apiErrorText(lang, e));
    }
  };

  const back = (
    <a className="button" href={href({ name: "list" })}>
      {t("common.back")}
    </a>
  );
  /** a position's interview: only its organisation's recruiters and administrators analyse and decide */
  const manage = !positionId || canManage(role);
  /** whether the caller's role is known (a position's interview: once the position is read) */
  const roleKnown = !positionId || roleOf?.positionId === positionId;
  const analysed = !!iv && iv.status === "DONE" && !!report;
  const canAnalyse = manage && !!iv && !iv.job_active && iv.status !== "RUNNING";
  const extras = iv ? (
    <>
      {positionId ? (
        <p className="no-print">
          <a href={href({ name: "position", id: positionId })}>{h("iv.position")}</a>
        </p>
      ) : null}
      <RubricsPanel key={`${iv.id}:${iv.report_version}`} interviewId={iv.id} canAnalyse={canAnalyse} onAnalyse={analyse} readOnly={!!positionId} />
      {analysed ? <ScorecardPanel interviewId={iv.id} onSaved={() => setCardSaves((n) => n + 1)} /> : null}
      {analysed ? <TeamRatings interviewId={iv.id} questions={report?.questions ?? []} refreshKey={cardSaves} /> : null}
      {analysed && roleKnown ? manage ? <AssessmentForm interview={iv} onSaved={() => void reload()} /> : <DecisionSummary interview={iv} /> : null}
      {manage ? (
        <PrivacyPanel
          interview={iv}
          onChanged={() => void reload()}
          onDeleted={() => {
            window.location.hash = href({ name: "list" });
          }}
        />
      ) : null}
      {positionId && canManage(role) && Object.keys(demographicCategories(config)).length ? (
        <DemographicsPanel interviewId={iv.id} categories={demographicCategories(config)} />
      ) : null}
      {manage ? <AuditPanel interviewId={iv.id} refreshKey={`${iv.report_version}:${blurStatus}`} /> : null}
    </>
  ) : null;
  if (!iv) {
    return (
      <main id="main" tabIndex={-1} className="page">
        {back}
        <p>{error ? t("common.error", { message: error }) : t("common.loading")}</p>
      </main>
    );
  }
  if (iv.status === "DONE" && report) {
    return (
      <main id="main" tabIndex={-1}>
        <ReportView
          report={report}
          videoSrc={iv.video_url ?? `/api/interviews/${iv.id}/video/`}
          title={t("detail.title", { ofName: ofName(iv.candidate_name, lang) })}
          technical={isAdmin}
          subtitle={dateTime(iv.finished_at ?? iv.created_at, lang)}
          actions={
            <>
              {back}
              {canAnalyse ? (
                <button type="button" onClick={analyse}>
                  {t("detail.reanalyse")}
                </button>
              ) : null}
            </>
          }
        >
          {seek && (seek.t != null || seek.q != null) ? <SeekTo key={`${seek.t}:${seek.q}`} t={seek.t} q={seek.q} /> : null}
          {extras}
        </ReportView>
      </main>
    );
  }
  return (
    <main id="main" tabIndex={-1} className="page">
      {back}
      <section className="card" aria-labelledby="h-detail">
        <h1 id="h-detail">{t("detail.title", { ofName: ofName(iv.candidate_name, lang) })}</h1>
        <StatusCell interview={iv} />
        {error ? (
          <p className="form-error" role="alert">
            {t("common.error", { message: error })}
          </p>
        ) : null}
        <p className="muted">{t("detail.notReady")}</p>
        {canAnalyse ? (
          <button type="button" className="primary" onClick={analyse}>
            {iv.status === "PENDING" ? t("list.analyse") : t("list.reanalyse")}
          </button>
        ) : null}
      </section>
      {extras}
    </main>
  );
}
