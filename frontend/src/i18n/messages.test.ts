import { describe, expect, it } from "vitest";
import { ofName } from "./grammar";
import { MESSAGES, TERMS } from "./messages";
import { translate } from "./i18n";

const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Keys present in some languages of a catalogue but not in all: `["en: only.here", …]`. */
function oneLanguageKeys(catalogue: Record<string, Record<string, string>>): string[] {
  const langs = Object.keys(catalogue);
  const all = new Set(langs.flatMap((l) => Object.keys(catalogue[l])));
  const out: string[] = [];
  for (const key of [...all].sort()) {
    const have = langs.filter((l) => Object.prototype.hasOwnProperty.call(catalogue[l], key));
    if (have.length !== langs.length) out.push(`${have.join("+")}: ${key}`);
  }
  return out;
}

/** The UI's own catalogues: its strings and the pipeline's names (the shared ones: catalogue.test.ts). */
const CATALOGUES: Record<string, Record<string, Record<string, string>>> = {
  MESSAGES, TERMS,
};

describe("UI strings", () => {
  it("the check finds a key that exists in one language only", () => {
    expect(oneLanguageKeys({ fr: { a: "x", b: "y" }, en: { a: "x" } })).toEqual(["fr: b"]);
    expect(oneLanguageKeys({ fr: { a: "x" }, en: { a: "x", c: "z" } })).toEqual(["en: c"]);
    expect(oneLanguageKeys({ fr: { a: "x" }, en: { a: "y" } })).toEqual([]);
  });

  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    it(`${name}: every key exists in French and in English`, () => {
      expect(oneLanguageKeys(catalogue)).toEqual([]);
    });
  }

  it("exist in French and English for every key, non-empty, with the same variables", () => {
    const fr = MESSAGES.fr;
    const en = MESSAGES.en;
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(vars(en[key]), key).toEqual(vars(fr[key]));
    }
  });

  it("fills variables", () => {
    expect(translate("fr", "report.outOf", { max: 100 })).toBe("sur 100");
    expect(translate("en", "report.fillerAt", { word: "um", time: "0:04" })).toBe("“um” at 0:04");
  });
});

describe("French elision and the English possessive", () => {
  it("elides de before a vowel or a mute h, not before a consonant", () => {
    expect(translate("fr", "detail.title", { ofName: ofName("Emma Real", "fr") })).toBe("Entretien d'Emma Real");
    expect(ofName("Élodie", "fr")).toBe("d'Élodie");
    expect(ofName("Hugo", "fr")).toBe("d'Hugo");
    expect(ofName("Yves", "fr")).toBe("d'Yves");
    expect(ofName("Yann", "fr")).toBe("de Yann");
    expect(ofName("Paul Durand", "fr")).toBe("de Paul Durand");
    expect(ofName("  Anna ", "fr")).toBe("d'Anna");
  });

  it("writes the English possessive", () => {
    expect(translate("en", "detail.title", { ofName: ofName("Emma Real", "en") })).toBe("Emma Real's interview");
    expect(ofName("James", "en")).toBe("James'");
  });
});
