/**
 * Hash routes (`#/`, `#/interviews/<id>?t=<s>&q=<n>`, `#/positions`, `#/positions/<id>`,
 * `#/positions/<id>/comparison`, `#/positions/<id>/adverse-impact`): work behind Django's catch-all
 * and from any base path.
 */
import { useEffect, useState } from "react";

export type Route =
  | { name: "list" }
  | { name: "interview"; id: string; t?: number; q?: number }
  | { name: "positions" }
  | { name: "position"; id: string }
  | { name: "comparison"; id: string }
  | { name: "adverseImpact"; id: string };

const ID = "([0-9a-zA-Z-]+)";

/** `t` (seconds, ≥ 0) and `q` (question number, ≥ 1) from a query string; anything else is dropped. */
function seekParams(query: string | undefined): { t?: number; q?: number } {
  const out: { t?: number; q?: number } = {};
  if (!query) return out;
  const params = new URLSearchParams(query);
  const t = Number(params.get("t"));
  const q = Number(params.get("q"));
  if (params.get("t") !== null && params.get("t") !== "" && Number.isFinite(t) && t >= 0) out.t = t;
  if (Number.isInteger(q) && q >= 1) out.q = q;
  return out;
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  let m = path.match(new RegExp(`^/interviews/${ID}/?(?:\\?(.*))?$`));
  if (m) return { name: "interview", id: m[1], ...seekParams(m[2]) };
  m = path.match(new RegExp(`^/positions/${ID}/comparison/?$`));
  if (m) return { name: "comparison", id: m[1] };
  m = path.match(new RegExp(`^/positions/${ID}/adverse-impact/?$`));
  if (m) return { name: "adverseImpact", id: m[1] };
  m = path.match(new RegExp(`^/positions/${ID}/?$`));
  if (m) return { name: "position", id: m[1] };
  if (/^\/positions\/?$/.test(path)) return { name: "positions" };
  return { name: "list" };
}

export function href(route: Route): string {
  switch (route.name) {
    case "interview": {
      const q = new URLSearchParams();
      if (route.t != null) q.set("t", String(route.t));
      if (route.q != null) q.set("q", String(route.q));
      const query = q.toString();
      return `#/interviews/${route.id}${query ? `?${query}` : ""}`;
    }
    case "positions":
      return "#/positions";
    case "position":
      return `#/positions/${route.id}`;
    case "comparison":
      return `#/positions/${route.id}/comparison`;
    case "adverseImpact":
      return `#/positions/${route.id}/adverse-impact`;
    default:
      return "#/";
  }
}

/** An app path from the API (`/interviews/<id>?t=12.5&q=2`) as a link of this app; other values as given. */
export function appLink(path: string): string {
  return path.startsWith("/") ? href(parseRoute(`#${path}`)) : path;
}

/** The route of the page: the hash, else an app path served by the server's catch-all (`/interviews/<id>?t=…`). */
function current(): Route {
  const { hash, pathname, search } = window.location;
  if (hash) return parseRoute(hash);
  return parseRoute(`#${pathname}${search}`);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}
