import { useCallback, useState, type Dispatch, type SetStateAction } from "react";
import { ApiError } from "./api";
import { apiErrorText } from "./reasons";

/** Where a resource from an optional endpoint stands. "absent": the server has no such endpoint (404/405). */
export type ResourceState = "loading" | "ready" | "absent" | "error";

export interface OptionalResource<T> {
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  state: ResourceState;
  error: string | null;
  load: () => Promise<void>;
}

/**
 * Load a resource from an endpoint an older back end may not have: 404/405 hide the panel
 * ("absent") instead of showing an error. `fetcher` must be stable (wrap it in useCallback).
 */
export function useOptionalResource<T>(fetcher: () => Promise<T>): OptionalResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [state, setState] = useState<ResourceState>("loading");
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await fetcher());
      setState("ready");
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setState("absent");
      else {
        setError(apiErrorText(document.documentElement.lang === "en" ? "en" : "fr", e));
        setState("error");
      }
    }
  }, [fetcher]);

  return { data, setData, state, error, load };
}
