/** Small grammar helpers for the UI languages: French elision ("d'Emma") and the English possessive. */
import type { Lang } from "./messages";

const VOWEL = /^[aeiouàâäéèêëîïôöùûüœæ]/i;

/** Whether French elides "de" / "le" before `word`: a vowel or a mute h ("Emma", "Hélène", "Yves"; not "Yann", "Paul"). */
export function frenchElides(word: string): boolean {
  const w = word.trim().normalize("NFC");
  if (!w) return false;
  if (VOWEL.test(w)) return true;
  // h is nearly always mute in first names (d'Hugo, d'Hélène); y elides before a consonant only (d'Yves, de Yann).
  if (/^h/i.test(w)) return true;
  if (/^y/i.test(w)) return w.length > 1 && !VOWEL.test(w.slice(1)) && !/^y[yh]/i.test(w);
  return false;
}

/**
 * "Of `name`" in the language: French "d'Emma" / "de Paul", English "Emma's" / "James'".
 * Used as `{ofName}` in templates ("Entretien {ofName}", "{ofName} interview").
 */
export function ofName(name: string, lang: Lang): string {
  const n = name.trim();
  if (lang === "fr") return frenchElides(n) ? `d'${n}` : `de ${n}`;
  return /s$/i.test(n) ? `${n}'` : `${n}'s`;
}
