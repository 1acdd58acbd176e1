/**
 * The interviews table: status with live progress (polled while an analysis is queued or
 * running), Analyse, open the report, delete with an inline confirmation.
 */
import { useCallback, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { ofName } from "../i18n/grammar";
import { dateTime, num } from "../report/format";
import { incompleteReasons, isIncomplete, measuredOf, measuredText, reasonText } from "../report/localise";
import { api, ApiError, type InterviewListPage } from "./api";
import { href } from "./route";
import { apiErrorText } from "./reasons";
import { StatusCell } from "./Status";
import { usePolling } from "./usePolling";
import { useReload } from "./useReload";

export const POLL_MS = 2000;

export function InterviewList({ refreshKey, onAuthLost }: { refreshKey: number; onAuthLost: () => void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<InterviewListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async (isCurrent: () => boolean) => {
    try {
      const next = await api.list(page);
      if (!isCurrent()) return;
      setData(next);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) onAuthLost();
      else if (e instanceof ApiError && e.status === 404 && page > 1) setPage(1);
      else setError(apiErrorText(lang, e));
    }
  }, [page, onAuthLost, lang]);
  const reload = useReload(load, refreshKey);

  const active = !!data?.results.some((i) => i.job_active || i.status === "RUNNING");
  usePolling(reload, POLL_MS, active);

  const act = async (id: string, fn: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(apiErrorText(lang, e));
    } finally {
      setBusy(null);
      setConfirming(null);
      await reload();
    }
  };

  if (!data) return <p>{error ? t("common.error", { message: error }) : t("common.loading")}</p>;
  return (
    <section className="card" aria-labelledby="h-list">
      <h2 id="h-list">
        {t("list.title")} <span className="muted small">{t("list.count", { count: data.count })}</span>
      </h2>
      {error ? (
        <p className="form-error" role="alert">
          {t("common.error", { message: error })}
        </p>
      ) : null}
      {data.results.length === 0 ? (
        <p className="muted">{t("list.empty")}</p>
      ) : (
        <table className="list" data-testid="interview-list">
          <thead>
            <tr>
              <th scope="col">{t("list.candidate")}</th>
              <th scope="col">{t("list.created")}</th>
              <th scope="col">{t("list.status")}</th>
              <th scope="col">{t("report.total")}</th>
              <th scope="col">{t("list.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((iv) => (
              <tr key={iv.id} data-testid="interview-row" data-id={iv.id}>
                <th scope="row">
                  <a href={href({ name: "interview", id: iv.id })}>{iv.candidate_name}</a>
                  <div className="small muted">{iv.mode === "coaching" ? t("mode.short.coaching") : t("mode.short.recruitment")}</div>
                </th>
                <td>{dateTime(iv.created_at, lang)}</td>
                <td>
                  <StatusCell interview={iv} />
                </td>
                <td className="num" data-testid="list-score">
                  {!iv.scores ? (
                    "–"
                  ) : isIncomplete(iv.scores) ? (
                    <span className="incomplete" title={incompleteReasons(iv.scores).map((r) => reasonText(r, lang)).join(" ; ")}>
                      {t("report.incomplete")}
                      <div className="small muted">{measuredText(measuredOf(iv.scores), lang)}</div>
                      <div className="small muted">{incompleteReasons(iv.scores).map((r) => reasonText(r, lang)).join(" ; ")}</div>
                    </span>
                  ) : (
                    `${num(iv.scores.total, lang, 0)} / 100`
                  )}
                </td>
                <td className="actions">
                  {confirming === iv.id ? (
                    <div className="confirm" role="group" aria-label={t("list.delete")}>
                      <span>{t("list.confirmDelete", { ofName: ofName(iv.candidate_name, lang) })}</span>
                      <button type="button" className="danger" onClick={() => act(iv.id, () => api.remove(iv.id))} disabled={busy === iv.id} autoFocus>
                        {t("list.confirmYes")}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t("common.cancel")}
                      </button>
                    </div>
                  ) : (
                    <>
                      {iv.status === "DONE" ? (
                        <a className="button primary" href={href({ name: "interview", id: iv.id })}>
                          {t("list.openReport")}
                        </a>
                      ) : null}
                      {!iv.job_active && iv.status !== "RUNNING" ? (
                        <button type="button" onClick={() => act(iv.id, () => api.analyze(iv.id))} disabled={busy === iv.id}>
                          {iv.status === "PENDING" ? t("list.analyse") : t("list.reanalyse")}
                        </button>
                      ) : null}
                      <button type="button" className="danger-outline" onClick={() => setConfirming(iv.id)} aria-label={`${t("list.delete")} — ${iv.candidate_name}`}>
                        {t("list.delete")}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.previous || data.next ? (
        <nav className="pager" aria-label={t("list.title")}>
          <button type="button" disabled={!data.previous} onClick={() => setPage((p) => Math.max(1, p - 1))}>
            {t("list.previous")}
          </button>
          <button type="button" disabled={!data.next} onClick={() => setPage((p) => p + 1)}>
            {t("list.next")}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
