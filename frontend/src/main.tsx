import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { tokenOf } from "./candidate/api";
import { CandidateApp } from "./candidate/CandidateApp";
import { I18nProvider } from "./i18n/i18n";
import "./app/app.css";

// An invitation link (#/invitation/<token>) opens the candidate's page: no account, the invitation's language.
const token = tokenOf(window.location.hash);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    {token ? (
      <CandidateApp token={token} />
    ) : (
      <I18nProvider>
        <App />
      </I18nProvider>
    )}
  </StrictMode>,
);
