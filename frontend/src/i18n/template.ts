/**
 * A UI catalogue's text: the reader's language, else French, else the key itself, its `{name}` variables filled
 * (a name `vars` lacks stays as written). One function for every catalogue (the main one, the hiring pages', the
 * one-way interview's, the candidate page's), with no catalogue of its own, so the candidate page's bundle does not
 * carry the recruiter's words.
 */
import type { Lang } from "./messages";

/** The values of a text's `{name}` variables. */
export type Vars = Record<string, string | number>;

/** The text of `key` in `lang` from `catalogue`, its `{name}` variables filled from `vars`. */
export function catalogueText<K extends string>(catalogue: Record<Lang, Record<K, string>>, lang: Lang, key: K, vars?: Vars): string {
  const template = catalogue[lang][key] ?? catalogue.fr[key] ?? key;
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}
