/** The sign-in form (Django session; the CSRF cookie is fetched first). */
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { api, ApiError, type User } from "./api";
import { apiErrorText } from "./reasons";
import { FormError } from "./FormError";

export function Login({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.csrf();
      onSignedIn(await api.login(username, password));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 400 || status === 401 ? t("auth.failed") : t("common.error", { message: apiErrorText(lang, err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main" tabIndex={-1}>
      <form className="card login-card" onSubmit={submit} aria-labelledby="h-login">
        <h1 id="h-login">{t("auth.title")}</h1>
        <label>
          {t("auth.username")}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t("auth.password")}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <FormError error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.submit")}
        </button>
      </form>
    </main>
  );
}
