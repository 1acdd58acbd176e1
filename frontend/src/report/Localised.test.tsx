import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderUi, sampleReport } from "../test/render";
import { noticeText, ruleText } from "./localise";
import { ReportView } from "./ReportView";
import type { Report } from "./types";

const plain = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

/** The sample with its audio track removed, as the pipeline's contract writes it. */
function noAudioReport(): Report {
  const r = sampleReport();
  r.transcript = "";
  r.words = [];
  r.speech = null;
  r.text = null;
  r.scores = {
    verbal: null, paraverbal: null, nonverbal: 40, total: null,
    measured: { points: 40, out_of: 40, parts: ["nonverbal"] },
    incomplete: { reasons: [{ part: "verbal", code: "no_audio_track", params: {} }, { part: "paraverbal", code: "no_audio_track", params: {} }] },
  };
  r.score_details!.verbal = { name: "verbal", points: null, max: 40, rule: "what was said", parts: [] };
  r.score_details!.paraverbal = { name: "paraverbal", points: null, max: 20, rule: "how it was said", parts: [] };
  r.score_details!.total = { name: "total", points: null, max: 100, rule: "sum of the three parts", parts: [] };
  r.notices = [{ code: "no_audio_track", params: {}, message: "The video has no audio track: speech and text were not analysed." }];
  r.warnings = [r.notices[0].message];
  return r;
}

describe("an incomplete report", () => {
  it("reads 'incomplete' with what was measured and why, never a total, and the radar draws no area", () => {
    renderUi(<ReportView report={noAudioReport()} />);
    const total = screen.getByTestId("total-score");
    expect(total.getAttribute("data-incomplete")).toBe("true");
    expect(within(total).getByText("Incomplet")).toBeTruthy();
    expect(within(total).getByTestId("measured").textContent).toBe("40 sur les 40 points qui ont pu être mesurés");
    expect(within(total).getByTestId("incomplete-reasons").textContent).toContain("Verbal : pas de piste audio");
    expect(total.textContent).not.toMatch(/100/);
    const radar = screen.getByTestId("radar-chart");
    expect(radar.getAttribute("data-complete")).toBe("false");
    expect(radar.querySelector(".radar-area")).toBeNull();
    expect(radar.querySelectorAll(".radar-dot")).toHaveLength(1);
    expect(screen.getByText("Le graphique ne relie pas les parties non mesurées.")).toBeTruthy();
    expect(screen.getByTestId("composition").textContent).toContain("Score de l'entretien : incomplet (Verbal non mesuré + Paraverbal non mesuré + Non verbal 40)");
    expect(within(screen.getByTestId("warnings")).getByText(/La vidéo n'a pas de piste audio/)).toBeTruthy();
  });

  it("computes 'incomplete' from null parts in an older report (no scores.measured)", () => {
    const r = sampleReport();
    r.scores = { verbal: 20, paraverbal: 10, nonverbal: null, total: 50 };
    renderUi(<ReportView report={r} />, "en");
    const total = screen.getByTestId("total-score");
    expect(within(total).getByText("Incomplete")).toBeTruthy();
    expect(within(total).getByTestId("measured").textContent).toBe("30 out of the 60 points that could be measured");
    expect(within(total).getByTestId("incomplete-reasons").textContent).toBe("Non-verbal: not measured");
  });
});

describe("the report in the reader's language", () => {
  it("translates notices by code, keeps technical details out of the warning box, for administrators only", async () => {
    const { unmount } = renderUi(<ReportView report={sampleReport()} />);
    const box = screen.getByTestId("warnings");
    expect(box.textContent).toContain("Tonalité : aucun modèle de tonalité n'est disponible");
    expect(box.textContent).not.toMatch(/IAL_|--sentiment-model|lexicon/);
    const tech = screen.getByTestId("technical-details") as HTMLDetailsElement;
    expect(tech.open).toBe(false);
    expect(box.contains(tech)).toBe(false);
    expect(tech.textContent).toContain("IAL_SENTIMENT_MODEL");
    await userEvent.click(within(tech).getByText("Détails techniques (administrateurs)"));
    expect(tech.open).toBe(true);
    unmount();
    renderUi(<ReportView report={sampleReport()} technical={false} />);
    expect(screen.queryByTestId("technical-details")).toBeNull();
    expect(document.body.textContent).not.toContain("IAL_SENTIMENT_MODEL");
  });

  it("shows an unknown code, or an older report's bare warning, in its English message", () => {
    expect(noticeText({ code: "brand_new_code", params: { x: 1 }, message: "Something new." }, "fr")).toBe("Something new.");
    const r = sampleReport();
    delete r.notices;
    r.warnings = ["An old warning."];
    renderUi(<ReportView report={r} />);
    expect(within(screen.getByTestId("warnings")).getByText("An old warning.")).toBeTruthy();
  });

  it("fills notice parameters in the locale: a share as a percentage", () => {
    const n = { code: "face_rarely_visible", params: { ratio: 0.31 }, message: "A face was visible in only 31% of the video." };
    expect(plain(noticeText(n, "fr"))).toContain("visible que sur 31 % de la vidéo");
    expect(noticeText(n, "en")).toContain("visible in only 31% of the video");
  });

  it("translates a rule by criterion name with its numbers, else a summary in French, else the English rule", () => {
    const rule = { name: "elaboration", rule: "words spoken: full points from 150 words", rule_params: { full_from: 150 }, points: 3, max: 12 };
    expect(ruleText(rule, "fr")).toBe("mots prononcés (hors mots de remplissage) : tous les points à partir de 150 mots, proportionnel en dessous");
    expect(ruleText({ ...rule, rule_params: undefined }, "fr")).toBe("nombre de mots prononcés (hors mots de remplissage)");
    expect(ruleText({ ...rule, rule_params: undefined }, "en")).toBe("words spoken: full points from 150 words");
    expect(ruleText({ name: "mystery", rule: "an English rule", points: 1, max: 2 }, "fr")).toBe("an English rule");
    expect(plain(ruleText({ name: "eye_contact", rule: "", rule_params: { zero_below: 0.2, full_from: 0.7 }, points: 1, max: 20 }, "fr"))).toBe(
      "part du temps passé à regarder la caméra : 0 point à 20 % ou moins, tous les points à partir de 70 %",
    );
  });

  it("labels the sentiment as information that earns no points, in the locale", () => {
    const r = sampleReport();
    r.text!.sentiment = { label: "neutral", score: 0.51 };
    renderUi(<ReportView report={r} />);
    const s = screen.getByTestId("sentiment");
    expect(plain(s.textContent)).toContain("neutre (confiance 51 %)");
    expect(s.textContent).toContain("information : la tonalité ne rapporte aucun point");
  });

  it("explains how the interview score is made, from the answers when there are questions", () => {
    const r = sampleReport();
    r.questions = [{ index: 1, text: "Présentez-vous.", scores: { verbal: 10, paraverbal: 15, nonverbal: 30, total: 55 } }];
    r.score_details!.verbal!.parts = [
      { name: "rubric_coverage", question_index: 1, weight: 1, coverage: 0.15, points: 2.4, max: 20, rule: "rubric coverage", rule_params: {} },
      { name: "rubric_coverage", question_index: 2, weight: 1, coverage: 0, points: 0, max: 20, rule: "rubric coverage", rule_params: {} },
    ];
    renderUi(<ReportView report={r} />);
    const c = screen.getByTestId("composition");
    expect(c.textContent).toContain("Score de l'entretien = Verbal 29,4 + Paraverbal 15,2 + Non verbal 33,1 = 77,7 sur 100.");
    const answers = within(c).getByTestId("composition-answers");
    expect(plain(answers.textContent)).toContain("question 1 : couverture 15 %, poids 1 → 2,4 / 20");
    expect(c.textContent).toContain("Une réponse hors sujet reçoit au plus un tiers des points verbaux.");
    expect(c.textContent).toContain("ce n'est pas le score de l'entretien");
    expect(screen.getByTestId("answer-score").textContent).toContain("Score de la réponse 55 / 100");
    expect(document.body.textContent).not.toContain("Score global");
    const verbal = document.querySelector('[data-part="verbal"]')!;
    expect(verbal.textContent).toContain("couverture de la grille, question 2");
    expect(verbal.textContent).toContain("une réponse hors sujet reçoit au plus un tiers des points");
  });

  it("says why a criterion was not measured, and marks an off-topic answer", () => {
    expect(ruleText({ name: "elaboration", rule: "not measured: no audio track", points: null, reason: { code: "no_audio_track", params: {} } }, "fr")).toBe(
      "non mesuré : pas de piste audio",
    );
    const r = sampleReport();
    r.score_details!.verbal!.parts = [
      { name: "rubric_coverage", question_index: 1, weight: 1, coverage: 0.1, off_topic: true, value: 0.1, points: 2, max: 20, rule: "share of its rubric", rule_params: { question_index: 1 } },
    ];
    r.score_details!.total = {
      name: "total", points: 77.7, max: 100, rule: "sum of the three parts", rule_params: { out_of: 100, weights: { verbal: 40, paraverbal: 20, nonverbal: 40 } },
      parts: [{ name: "verbal", value: 29.4, points: 29.4, max: 40, rule: "the verbal part's points", rule_params: {} }],
    };
    renderUi(<ReportView report={r} />);
    const verbal = document.querySelector('[data-part="verbal"]')!;
    expect(plain(verbal.textContent)).toContain("couverture de la grille, question 1hors sujet : au plus un tiers des points10 %");
    const total = document.querySelector('[data-part="total"]')!;
    expect(total.textContent).toContain("les points de la partie verbal");
    expect(total.textContent).not.toMatch(/part's points|sum of/);
  });
});
