/** Tiny i18n: a context holding the language, `t(key, vars)` and `term(name)` for pipeline names. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { LANGS, MESSAGES, TERMS, type Lang, type MessageKey } from "./messages";
import { catalogueText, type Vars } from "./template";

export type { Lang, MessageKey };

const STORAGE_KEY = "ial.lang";

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Whether the catalogue has `key` (keys built at run time: notice codes, criterion names, reasons). */
  has: (key: string) => boolean;
  /** A name written by the pipeline (criterion, emotion label, measure), translated when known. */
  term: (name: string) => string;
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return catalogueText(MESSAGES, lang, key, vars);
}

export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES.fr, key) && Object.prototype.hasOwnProperty.call(MESSAGES.en, key);
}

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as string[]).includes(saved)) return saved as Lang;
  } catch {
    /* storage may be unavailable (file:// pages, privacy mode) */
  }
  return "fr";
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: forced }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => forced ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      has: (key) => hasKey(key),
      term: (name) => TERMS[lang][name] ?? TERMS[lang][name.toLowerCase()] ?? name,
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n() outside <I18nProvider>");
  return ctx;
}

/** `(key, vars) => text` of another catalogue (the hiring pages', the one-way interview's) in the reader's language. */
export function useCatalogueText<K extends string>(catalogue: Record<Lang, Record<K, string>>): (key: K, vars?: Vars) => string {
  const { lang } = useI18n();
  return useCallback((key: K, vars?: Vars) => catalogueText(catalogue, lang, key, vars), [catalogue, lang]);
}

/** The FR/EN toggle button. */
export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  const next: Lang = lang === "fr" ? "en" : "fr";
  return (
    <button type="button" className="lang-toggle no-print" onClick={() => setLang(next)} aria-label={t("lang.switchLabel")} lang={next}>
      {t("lang.switch")}
    </button>
  );
}
