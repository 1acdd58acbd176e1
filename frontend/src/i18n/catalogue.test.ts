import { describe, expect, it } from "vitest";
import demographicsFile from "../../../interview_ai_lab/data/catalogue/demographics.json";
import scoringFile from "../../../interview_ai_lab/data/catalogue/scoring.json";
import { noticeText, partRuleText, reasonText, ruleText } from "../report/localise";
import type { ScoreDetail } from "../report/types";
import {
  CRITERIA, DEFAULT_MAX, DEFAULT_WEIGHTS, DISCLAIMERS, HEADLINE, LIMITS, NOT_MEASURED_RULE, NOTICES, PART_RULES, PARTS,
  REASON_OF_PART, REASONS, WPM_BAND, fill, parseWeights, placeholders, type Text,
} from "./catalogue";
import { MESSAGES } from "./messages";

/** Every `{en, fr}` text the front end reads from the shared catalogue, by where it is. */
function texts(): [string, Text & { values?: string[] }][] {
  const out: [string, Text & { values?: string[] }][] = [];
  for (const [code, t] of Object.entries(NOTICES)) out.push([`notice ${code}`, t]);
  for (const [name, c] of Object.entries(CRITERIA)) {
    out.push([`criterion ${name} name`, c.name], [`criterion ${name} rule`, c.rule], [`criterion ${name} rule_short`, c.rule_short]);
  }
  for (const [key, t] of Object.entries(PART_RULES)) out.push([`part rule ${key}`, t]);
  for (const [code, r] of Object.entries(REASONS)) {
    out.push([`reason ${code}`, r]);
    if (r.detail) out.push([`reason ${code} detail`, r.detail]);
  }
  out.push(["not_measured_rule", NOT_MEASURED_RULE], ["reason_of_part", REASON_OF_PART]);
  for (const [kind, t] of Object.entries(DISCLAIMERS)) out.push([`disclaimer ${kind}`, t]);
  for (const [key, l] of Object.entries(LIMITS)) out.push([`limit ${key}`, l], [`limit ${key} label`, l.label]);
  for (const [key, t] of Object.entries(HEADLINE)) out.push([`headline ${key}`, t]);
  for (const [cat, c] of Object.entries(demographicsFile.categories)) {
    out.push([`category ${cat}`, c.label]);
    for (const [value, t] of Object.entries(c.values as Record<string, Text>)) out.push([`value ${cat} ${value}`, t]);
  }
  return out;
}

describe("the shared catalogue (interview_ai_lab/data/catalogue)", () => {
  it("has every text in French and English with the same placeholders", () => {
    const all = texts();
    expect(all.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const [where, t] of all) {
      if (!t.fr?.trim() || !t.en?.trim()) problems.push(`${where}: a language is missing`);
      const extra = new Set(t.values ?? []);
      const en = placeholders(t.en).filter((p) => !extra.has(p)).sort();
      const fr = placeholders(t.fr).sort();
      if (!extra.size && en.join() !== fr.join()) problems.push(`${where}: en {${en}} fr {${fr}}`);
      if (fr.some((p) => extra.has(p))) problems.push(`${where}: fr needs a value the notice does not keep`);
    }
    expect(problems).toEqual([]);
  });

  it("the check finds a missing placeholder", () => {
    expect(fill("{count} mot(s) à {ratio:.0%}", { count: 2 })).toBeNull();
    expect(fill("{count} mot(s) à {ratio:.0%}", { count: 2, ratio: "5 %" })).toBe("2 mot(s) à 5 %");
  });

  it("gives the default weights and maximum points Python uses", () => {
    expect(PARTS).toEqual(["verbal", "paraverbal", "nonverbal"]);
    expect(DEFAULT_MAX).toEqual({ verbal: 40, paraverbal: 20, nonverbal: 40 });
    expect(DEFAULT_WEIGHTS).toBe("verbal=40,paraverbal=20,nonverbal=40");
    expect(WPM_BAND).toEqual([120, 160]);
  });

  it("accepts and refuses the part weights as Python's parse_weights does (the same examples)", () => {
    const { valid, invalid } = scoringFile.weights_syntax.examples;
    expect(valid.length).toBeGreaterThan(1);
    expect(invalid).toContain("verbal=40");
    for (const w of valid) expect(parseWeights(w), w).not.toBeNull();
    for (const w of invalid) expect(parseWeights(w), w).toBeNull();
    expect(parseWeights(" nonverbal = 30 , verbal=50,paraverbal=20 ")).toEqual({ nonverbal: 30, verbal: 50, paraverbal: 20 });
  });

  it("says a notice, a rule and a reason in the reader's language from the catalogue", () => {
    const n = { code: "part_not_measured", params: { part: "nonverbal", reason: "no_face", points: 30.5, out_of: 60 }, message: "x" };
    expect(noticeText(n, "fr")).toBe(
      "La partie non verbal n'a pas pu être mesurée (aucun visage détecté) : le score de l'entretien est incomplet ; " +
        "30,5 des 60 points qui ont pu être mesurés ont été obtenus.",
    );
    expect(noticeText(n, "en")).toBe(
      "The non-verbal part could not be measured (no face detected): the interview score is incomplete; " +
        "30.5 of the 60 points that could be measured were earned.",
    );
    // the run's shortest pause, in seconds, not read as a share beside the shares of the rule
    const pauses = { name: "pauses", rule: "x", rule_params: { full_to: 0.2, zero_from: 0.6, min_pause_sec: 0.5 }, points: 3, max: 4 };
    expect(ruleText(pauses, "en")).toBe("share of the recording in pauses of 0.5 s or more: full points up to 20%, 0 from 60%");
    expect(ruleText(pauses, "fr").replace(/[\u00a0\u202f]/g, " ")).toBe(
      "part de l'enregistrement en pauses de 0,5 s ou plus : tous les points jusqu'à 20 %, 0 à partir de 60 %",
    );
    const rarely = { part: "nonverbal" as const, code: "face_too_rarely_visible", params: { ratio: 0.05 } };
    expect(reasonText(rarely, "en")).toBe("Non-verbal: a face was visible in only 5% of the frames (camera fault?)");
    const total = { rule: "x", rule_params: { weights: { verbal: 50, paraverbal: 20, nonverbal: 40 } }, parts: [] } as unknown as ScoreDetail;
    expect(partRuleText("total", total, "en")).toContain("re-scaled to 100 (× 100 / 110)");
  });

  it("gives the UI's shared words from the catalogue", () => {
    expect(MESSAGES.fr["report.disclaimer"]).toBe(DISCLAIMERS.report.fr);
    expect(MESSAGES.en["report.measured"]).toBe(HEADLINE.measured.en);
  });
});
