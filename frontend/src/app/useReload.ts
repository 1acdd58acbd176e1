/** A page's data loader: run on mount, whenever its inputs change, and on demand, keeping only the latest answer. */
import { useCallback, useEffect, useRef } from "react";

/**
 * Run `load` on mount and whenever it changes (its inputs changed: an id, a page, the language) or `trigger`
 * does, and return `reload()` for the page's own refreshes (after an action, while polling).
 *
 * `load` gets `isCurrent()`: false once a later load started or the page went away. It sets its state only
 * while that is true, so a slow answer for an earlier id or page never overwrites a newer one; and it sets
 * state only after its request, never synchronously in the effect (no extra render before the answer).
 */
export function useReload(load: (isCurrent: () => boolean) => Promise<void>, trigger?: unknown): () => Promise<void> {
  const latest = useRef(0);
  const reload = useCallback(() => {
    const mine = ++latest.current;
    return load(() => mine === latest.current);
  }, [load]);
  useEffect(() => {
    void reload();
    return () => {
      latest.current += 1;
    };
  }, [reload, trigger]);
  return reload;
}
