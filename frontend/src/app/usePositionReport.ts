import { useCallback, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { ApiError } from "./api";
import { positionsApi } from "./positions";
import { apiErrorText } from "./reasons";
import { useReload } from "./useReload";

/** A position's report (comparison, adverse impact) with the position's title, as a page loads it. */
export interface PositionReport<T> {
  data: T | null;
  /** The position's title ("" until known, or when the position itself could not be read). */
  title: string;
  /** The load's error in the reader's language, null when it succeeded. */
  error: string | null;
  /** The server refused the report (403); only with `forbidden: true`, else a 403 is an error like another. */
  forbidden: boolean;
  load: () => Promise<void>;
}

/**
 * Load `fetchReport(id)` and the position's title on mount and whenever `id` changes; a 401 calls `onAuthLost`.
 * `fetchReport` must be stable (a module-level function such as `positionsApi.comparison`).
 */
export function usePositionReport<T>(
  id: string,
  fetchReport: (id: string) => Promise<T>,
  onAuthLost: () => void,
  { forbidden: refusable = false }: { forbidden?: boolean } = {},
): PositionReport<T> {
  const { lang } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);

  const fetchAll = useCallback(async (isCurrent: () => boolean) => {
    try {
      const [r, p] = await Promise.all([fetchReport(id), positionsApi.get(id).catch(() => null)]);
      if (!isCurrent()) return;
      setData(r);
      if (p) setTitle(p.title);
      setError(null);
    } catch (e) {
      if (!isCurrent()) return;
      if (e instanceof ApiError && e.status === 401) onAuthLost();
      else if (refusable && e instanceof ApiError && e.status === 403) setForbidden(true);
      else setError(apiErrorText(lang, e));
    }
  }, [id, fetchReport, onAuthLost, lang, refusable]);
  const load = useReload(fetchAll);

  return { data, title, error, forbidden, load };
}
