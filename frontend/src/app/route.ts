/** Hash routes (`#/`, `#/interviews/<id>`): work behind Django's catch-all and from any base path. */
import { useEffect, useState } from "react";

export type Route = { name: "list" } | { name: "interview"; id: string };

export function parseRoute(hash: string): Route {
  const m = hash.match(/^#\/interviews\/([0-9a-zA-Z-]+)\/?$/);
  return m ? { name: "interview", id: m[1] } : { name: "list" };
}

export function href(route: Route): string {
  return route.name === "interview" ? `#/interviews/${route.id}` : "#/";
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}
