/** The recruiter app: sign in, the interviews (upload, list), one interview's report. */
import { useCallback, useEffect, useState } from "react";
import { LangToggle, useI18n } from "../i18n/i18n";
import { api, ApiError, type ServerConfig, type User } from "./api";
import { InterviewList } from "./InterviewList";
import { InterviewPage } from "./InterviewPage";
import { Login } from "./Login";
import { href, useRoute } from "./route";
import { Uploader } from "./Uploader";
import { apiErrorText } from "./reasons";
import { AdverseImpactPage } from "./AdverseImpact";
import { ComparisonPage } from "./Comparison";
import { useHiringText } from "./hiring.messages";
import { PositionPage } from "./PositionPage";
import { PositionsPage } from "./Positions";

const SESSION_FLAG = "ial.signedIn";

function hadSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_FLAG) === "1";
  } catch {
    return true;
  }
}

function rememberSession(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(SESSION_FLAG, "1");
    else window.localStorage.removeItem(SESSION_FLAG);
  } catch {
    /* storage unavailable */
  }
}

export function App() {
  const { t, lang } = useI18n();
  const h = useHiringText();
  const route = useRoute();
  const inPositions = ["positions", "position", "comparison", "adverseImpact"].includes(route.name);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [config, setConfig] = useState<ServerConfig | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  /** why the app cannot start (said in the reader's language when shown, so it follows the language toggle) */
  const [fatal, setFatal] = useState<unknown>(null);

  useEffect(() => {
    // /api/auth/csrf/ always answers 200 (and sets the CSRF cookie); /api/auth/me/ is asked only if this
    // browser signed in before, so a first visit logs no failed (401) request in the console.
    api
      .csrf()
      .then(() => (hadSession() ? api.me() : null))
      .then(setUser)
      .catch((e) => {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUser(null);
        else setFatal(e ?? new Error("unknown"));
      });
  }, []);
  useEffect(() => {
    if (user) api.config().then(setConfig, () => setConfig(null));
  }, [user]);

  useEffect(() => {
    if (user !== undefined) rememberSession(!!user);
  }, [user]);
  const authLost = useCallback(() => setUser(null), []);
  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
      window.location.hash = "#/";
    }
  };

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault(); // the hash is the router's: focus the content instead
          document.getElementById("main")?.focus();
        }}
      >
        {t("app.skip")}
      </a>
      <header className="topbar no-print">
        <a className="brand" href={href({ name: "list" })}>
          <strong>{t("app.title")}</strong> <span className="muted">{t("app.tagline")}</span>
        </a>
        {user ? (
          <nav className="nav-links" aria-label={h("nav.label")}>
            <a href={href({ name: "list" })} aria-current={route.name === "list" ? "page" : undefined}>
              {h("nav.interviews")}
            </a>
            <a href={href({ name: "positions" })} aria-current={inPositions ? "page" : undefined}>
              {h("nav.positions")}
            </a>
          </nav>
        ) : null}
        <div className="topbar-actions">
          {user ? <span className="small">{t("auth.signedInAs", { name: user.username })}</span> : null}
          <LangToggle />
          {user ? (
            <button type="button" onClick={signOut}>
              {t("auth.signOut")}
            </button>
          ) : null}
        </div>
      </header>
      {fatal ? (
        <main id="main" tabIndex={-1} className="page">
          <p className="form-error" role="alert">
            {t("common.error", { message: apiErrorText(lang, fatal) })}
          </p>
        </main>
      ) : user === undefined ? (
        <main id="main" tabIndex={-1} className="page">
          <p>{t("common.loading")}</p>
        </main>
      ) : user === null ? (
        <Login onSignedIn={setUser} />
      ) : route.name === "interview" ? (
        <InterviewPage
          key={route.id}
          id={route.id}
          onAuthLost={authLost}
          isAdmin={!!user?.is_staff}
          seek={route.t != null || route.q != null ? { t: route.t, q: route.q } : undefined}
          config={config}
        />
      ) : route.name === "positions" ? (
        <PositionsPage onAuthLost={authLost} config={config} />
      ) : route.name === "position" ? (
        <PositionPage key={route.id} id={route.id} onAuthLost={authLost} />
      ) : route.name === "comparison" ? (
        <ComparisonPage id={route.id} onAuthLost={authLost} />
      ) : route.name === "adverseImpact" ? (
        <AdverseImpactPage id={route.id} onAuthLost={authLost} />
      ) : (
        <main id="main" tabIndex={-1} className="page">
          <Uploader config={config} onUploaded={() => setRefreshKey((k) => k + 1)} />
          <InterviewList refreshKey={refreshKey} onAuthLost={authLost} />
        </main>
      )}
    </>
  );
}
