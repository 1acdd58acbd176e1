import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { translate } from "./i18n";

const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("UI strings", () => {
  it("exist in French and English for every key, with the same variables", () => {
    const fr = MESSAGES.fr;
    const en = MESSAGES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
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
