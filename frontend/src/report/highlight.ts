/** Which transcript tokens are keywords or fillers (pure functions, tested on their own). */

/** Lower-case a token and strip the punctuation around it ("Équipe," → "équipe"). */
export function normToken(token: string): string {
  return token
    .normalize("NFC")
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** Whether a transcript token matches a keyword token, elisions included ("l'équipe" ~ "équipe"). */
export function sameToken(token: string, key: string): boolean {
  if (!token || !key) return false;
  return token === key || token.endsWith(`'${key}`) || token.endsWith(`’${key}`);
}

/**
 * Indices of the tokens that belong to a keyword (keywords may hold several words and
 * then match a run of consecutive tokens).
 */
export function keywordIndices(tokens: string[], keywords: string[]): Set<number> {
  const normed = tokens.map(normToken);
  const hits = new Set<number>();
  for (const kw of keywords) {
    const parts = kw.split(/\s+/).map(normToken).filter(Boolean);
    if (parts.length === 0) continue;
    for (let i = 0; i + parts.length <= normed.length; i++) {
      if (parts.every((p, j) => sameToken(normed[i + j], p))) {
        for (let j = 0; j < parts.length; j++) hits.add(i + j);
      }
    }
  }
  return hits;
}

/** Default filler words, used when the report lists none (French and English). */
export const DEFAULT_FILLERS = ["euh", "heu", "hum", "hmm", "um", "uh", "erm", "er", "ah"];

/** Split plain text into words and the separators between them (for the fallback transcript). */
export function splitWords(text: string): { token: string; isWord: boolean }[] {
  const out: { token: string; isWord: boolean }[] = [];
  const re = /\S+/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push({ token: text.slice(last, m.index), isWord: false });
    out.push({ token: m[0], isWord: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ token: text.slice(last), isWord: false });
  return out;
}

/**
 * Whether a space goes before word `next` (after `prev`) when joining ASR word tokens: none before
 * an elided part or closing punctuation ("m" + "'appelle", "mot" + ","), none after an apostrophe.
 */
export function spaceBetween(prev: string, next: string): boolean {
  if (!prev) return false;
  if (/^['’\-,.;:…)\]}%]/.test(next)) return false;
  if (/['’([{-]$/.test(prev)) return false;
  return true;
}
