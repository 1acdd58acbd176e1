import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { LangToggle } from "../i18n/i18n";
import { recruitmentReport, renderUi, sampleReport } from "../test/render";
import { ReportView } from "./ReportView";

const videoEl = () => screen.getByTestId("video") as HTMLVideoElement;

describe("ReportView (sample report, coaching mode)", () => {
  it("shows the radar chart with the three scores and the total", () => {
    const r = sampleReport();
    renderUi(<ReportView report={r} />);
    const radar = screen.getByTestId("radar-chart");
    expect(radar.getAttribute("aria-label")).toContain("Verbal 29,4 / 40");
    expect(radar.getAttribute("aria-label")).toContain("Paraverbal 15,2 / 20");
    expect(radar.getAttribute("aria-label")).toContain("Non verbal 33,1 / 40");
    expect(radar.querySelectorAll(".radar-dot")).toHaveLength(3);
    expect(within(screen.getByTestId("total-score")).getByText("78")).toBeTruthy();
  });

  it("expands a score to its rule, inputs and criteria", async () => {
    renderUi(<ReportView report={sampleReport()} />);
    const summary = screen.getAllByText("Paraverbal", { selector: ".score-name" })[0];
    const details = summary.closest("details")!;
    expect(details.open).toBe(false);
    await userEvent.click(summary);
    expect(details.open).toBe(true);
    expect(within(details).getByText(/comment cela a été dit/)).toBeTruthy();
    expect(within(details).getByText("débit")).toBeTruthy();
    expect(within(details).getByText(/tous les points de 120 à 160, 0 à 60 ou moins et à 220 ou plus/)).toBeTruthy();
    expect(within(details).getByText("5,6 / 8")).toBeTruthy();
    // shares as percentages, in the rule and in the value
    const pauses = within(details).getByText("pauses").closest("tr")!;
    expect(pauses.textContent!.replace(/[\u00a0\u202f]/g, " ")).toContain("18 %");
    expect(pauses.textContent!.replace(/[\u00a0\u202f]/g, " ")).toContain("jusqu'à 20 %, 0 à partir de 60 %");
    expect(details.textContent).not.toMatch(/\d\.\d|0,18|how it was said|full points/);
  });

  it("gives the speech facts with the reference band and each filler's time", () => {
    renderUi(<ReportView report={sampleReport()} />);
    const speech = screen.getByTestId("speech-panel");
    expect(within(speech).getByText("47,6 s")).toBeTruthy();
    expect(within(speech).getByText("108")).toBeTruthy();
    expect(within(speech).getByText(/repère : 120–160 mots\/min/)).toBeTruthy();
    expect(within(speech).getByText("plus lent que le repère")).toBeTruthy();
    const chips = within(speech).getAllByRole("button", { name: /« (euh|hum) » à/ });
    expect(chips.map((c) => c.textContent)).toEqual(["« euh » à 0:04", "« euh » à 0:22", "« hum » à 0:35"]);
  });

  it("shows eye contact, nods, sentiment, summary and keywords", () => {
    renderUi(<ReportView report={sampleReport()} />);
    const nv = screen.getByTestId("nonverbal-panel");
    expect(within(nv).getAllByText("72 %").length).toBeGreaterThan(0);
    expect(within(nv).getByText("3")).toBeTruthy();
    const text = screen.getByTestId("text-panel");
    expect(within(text).getByText("positive (confiance 81 %)")).toBeTruthy();
    expect(within(text).getByText(/Ingénieure logicielle depuis six ans/)).toBeTruthy();
    expect(within(text).getByText("développeurs juniors")).toBeTruthy();
  });

  it("draws the emotion timeline and distribution in coaching mode", () => {
    renderUi(<ReportView report={sampleReport()} />);
    const panel = screen.getByTestId("emotion-panel");
    const timeline = within(panel).getByTestId("emotion-timeline");
    const lanes = [...timeline.querySelectorAll("[data-lane]")].map((l) => l.getAttribute("data-lane"));
    expect(lanes).toEqual(["neutral", "happiness", "surprise", "sadness"]);
    expect(within(panel).getByText("Expression dominante : neutre")).toBeTruthy();
    expect(within(panel).getByText("67 %")).toBeTruthy();
  });

  it("lists only the expressions that were seen, the most frequent first", () => {
    const r = sampleReport();
    r.nonverbal!.emotions!.distribution = { fear: 0, happiness: 0.25, neutral: 0.75, anger: 0 };
    renderUi(<ReportView report={r} />);
    const labels = [...screen.getByTestId("emotion-panel").querySelectorAll(".dist-label")].map((e) => e.textContent);
    expect(labels).toEqual(["neutre", "joie"]);
  });

  it("highlights keywords and fillers in the timed transcript", () => {
    renderUi(<ReportView report={sampleReport()} />);
    const tr = screen.getByTestId("transcript");
    const fillers = [...tr.querySelectorAll(".word.filler")].map((e) => e.textContent);
    expect(fillers).toEqual(["Euh,", "Euh,", "Hum,"]);
    const kws = [...tr.querySelectorAll(".word.kw")].map((e) => e.textContent);
    expect(kws).toEqual(expect.arrayContaining(["ingénieure", "logicielle", "équipe.", "temps", "de", "réponse", "l'équipe."]));
    expect(kws).not.toContain("Bonjour,");
  });

  it("seeks the video when a word, a filler chip or a timeline marker is clicked", async () => {
    const r = sampleReport();
    renderUi(<ReportView report={r} videoSrc="/video.mp4" />);
    const word = screen.getByText("motive,", { selector: ".word" });
    await userEvent.click(word);
    const target = r.words!.find((w) => w.w === "motive,")!.start;
    expect(videoEl().currentTime).toBeCloseTo(target, 3);
    expect(word.classList.contains("current")).toBe(true);

    await userEvent.click(screen.getByRole("button", { name: "« hum » à 0:35" }));
    expect(videoEl().currentTime).toBeCloseTo(r.speech!.filler_events![2].t, 3);

    const nodMarks = screen.getByTestId("timeline").querySelectorAll("[data-lane=nods] .tl-mark");
    expect(nodMarks).toHaveLength(3);
    await userEvent.click(nodMarks[1]);
    expect(videoEl().currentTime).toBeCloseTo(21.9, 3);
    expect(screen.getAllByRole("slider")[0].getAttribute("aria-valuenow")).toBe("22");
  });

  it("is keyboard operable: transcript arrows + Enter, timeline slider arrows", async () => {
    const r = sampleReport();
    renderUi(<ReportView report={r} videoSrc="/video.mp4" />);
    const tr = screen.getByTestId("transcript");
    const first = tr.querySelector<HTMLElement>('[data-i="0"]')!;
    expect(first.tabIndex).toBe(0);
    expect(tr.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    first.focus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{Enter}");
    expect(document.activeElement?.getAttribute("data-i")).toBe("2");
    expect(videoEl().currentTime).toBeCloseTo(r.words![2].start, 3);

    const slider = screen.getAllByRole("slider")[0];
    slider.focus();
    await userEvent.keyboard("{Home}{Shift>}{ArrowRight}{/Shift}{ArrowRight}");
    expect(videoEl().currentTime).toBeCloseTo(12, 3);
  });

  it("falls back to the plain transcript (highlighted) when the report has no word times", () => {
    const r = sampleReport();
    delete r.words;
    renderUi(<ReportView report={r} />);
    const tr = screen.getByTestId("transcript");
    expect(tr.querySelectorAll("[role=button]")).toHaveLength(0);
    expect([...tr.querySelectorAll("mark.filler")].map((m) => m.textContent)).toEqual(["Euh,", "Euh,", "Hum,"]);
    expect([...tr.querySelectorAll("mark.kw")].map((m) => m.textContent)).toContain("déléguer");
    expect(tr.textContent).toBe(r.transcript);
  });

  it("shows the disclaimer, the warnings and the known limits of each measure", () => {
    renderUi(<ReportView report={sampleReport()} />);
    expect(screen.getByTestId("disclaimer").textContent).toMatch(/ne remplacent jamais une décision humaine/);
    expect(screen.getByText(/^Certaines réponses ont été séparées à des pauses de moins de 0,3 s : les limites peuvent être fausses\.$/)).toBeTruthy();
    const limits = screen.getByTestId("limits-panel");
    const labels = [...limits.querySelectorAll("dt")].map((d) => d.textContent);
    expect(labels).toEqual(["Transcription", "Débit", "Silences", "Mots de remplissage", "Voix", "Tonalité", "Résumé", "Contact visuel", "Hochements", "Expressions faciales", "Scores"]);
    expect(within(limits).getByText(/la place de la caméra, les lunettes et l'éclairage le modifient/)).toBeTruthy();
  });

  it("names the run's own shortest pause in the silence fact, its limit and the pauses rule", async () => {
    const r = sampleReport();
    r.speech!.min_pause_sec = 0.5;
    r.limits!.silence_sec = r.limits!.silence_sec!.replace("0.25 s", "0.5 s");
    const pauses = r.score_details!.paraverbal!.parts!.find((p) => p.name === "pauses")!;
    pauses.rule_params = { ...pauses.rule_params, min_pause_sec: 0.5 };
    renderUi(<ReportView report={r} />);
    const speech = screen.getByTestId("speech-panel");
    expect(within(speech).getByText(/pause\(s\) de 0,5 s ou plus$/)).toBeTruthy();
    const limits = screen.getByTestId("limits-panel");
    expect(within(limits).getByText(/^Pauses d'au moins 0,5 s trouvées/)).toBeTruthy();
    expect(limits.textContent).not.toMatch(/0,25/);
    await userEvent.click(screen.getAllByText("Paraverbal", { selector: ".score-name" })[0]);
    const row = within(screen.getByTestId("composition").parentElement!).getByText("pauses").closest("tr")!;
    expect(row.textContent!.replace(/[\u00a0\u202f]/g, " ")).toContain("en pauses de 0,5 s ou plus : tous les points jusqu'à 20 %");
  });

  it("reads the default shortest pause in a report written before it recorded its run's, or without speech", () => {
    const r = sampleReport();
    delete r.speech!.min_pause_sec;
    renderUi(<ReportView report={r} />);
    const speech = screen.getByTestId("speech-panel");
    expect(within(speech).getByText(/pause\(s\) de 0,25 s ou plus$/)).toBeTruthy();
    expect(within(screen.getByTestId("limits-panel")).getByText(/^Pauses d'au moins 0,25 s trouvées/)).toBeTruthy();
    cleanup();
    renderUi(<ReportView report={{ ...sampleReport(), speech: null }} />);
    expect(within(screen.getByTestId("limits-panel")).getByText(/^Pauses d'au moins 0,25 s trouvées/)).toBeTruthy();
  });

  it("shows the report's own limit texts in English, in a fixed order, and unknown keys as they are", async () => {
    const r = sampleReport();
    const shuffled = Object.fromEntries(Object.entries(r.limits!).reverse());
    r.limits = { new_measure: "A new caveat.", ...shuffled, eye_contact: "Custom eye-contact caveat." };
    renderUi(<ReportView report={r} />, "en");
    const limits = screen.getByTestId("limits-panel");
    expect(within(limits).getByText("Custom eye-contact caveat.")).toBeTruthy();
    expect(within(limits).getByText("new_measure")).toBeTruthy();
    expect(within(limits).getByText("A new caveat.")).toBeTruthy();
    const labels = [...limits.querySelectorAll("dt")].map((d) => d.textContent);
    expect(labels[0]).toBe("Transcript");
    expect(labels.at(-1)).toBe("new_measure");
  });

  it("uses built-in limits when the report has none", () => {
    const r = sampleReport();
    delete r.limits;
    renderUi(<ReportView report={r} />);
    expect(within(screen.getByTestId("limits-panel")).getByText(/La reconnaissance automatique de la parole se trompe/)).toBeTruthy();
  });

  it("switches the whole page between French and English", async () => {
    renderUi(
      <ReportView report={sampleReport()} actions={<LangToggle />} />,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Rapport d'entretien");
    await userEvent.click(screen.getByRole("button", { name: /Switch the interface to English/ }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Interview report");
    expect(document.documentElement.lang).toBe("en");
    expect(within(screen.getByTestId("speech-panel")).getByText(/reference: 120–160 words\/min/)).toBeTruthy();
    expect(within(screen.getByTestId("speech-panel")).getByText("47.6 s")).toBeTruthy();
    expect(window.localStorage.getItem("ial.lang")).toBe("en");
  });

  it("opens every detail for printing and closes them after", () => {
    const { container } = renderUi(<ReportView report={sampleReport()} />);
    const closed = () => container.querySelectorAll("details:not([open])").length;
    expect(closed()).toBeGreaterThan(3);
    fireEvent(window, new Event("beforeprint"));
    expect(closed()).toBe(0);
    fireEvent(window, new Event("afterprint"));
    expect(closed()).toBeGreaterThan(3);
  });
});

describe("ReportView in recruitment mode", () => {
  it("shows no emotion panel, no emotion label and no emotion limit", () => {
    const { container } = renderUi(<ReportView report={recruitmentReport()} />);
    expect(screen.queryByTestId("emotion-panel")).toBeNull();
    expect(screen.queryByTestId("emotion-timeline")).toBeNull();
    const text = container.textContent ?? "";
    for (const word of ["Émotions", "Expressions", "joie", "tristesse", "Modèle d'expressions"]) expect(text).not.toContain(word);
    expect(screen.getByText("Mode recrutement (sans analyse des émotions)")).toBeTruthy();
    expect(screen.getByTestId("radar-chart")).toBeTruthy();
    expect(screen.getByTestId("timeline")).toBeTruthy();
  });

  it("hides emotions even if a recruitment report carried some", () => {
    const r = recruitmentReport();
    r.nonverbal!.emotions = sampleReport().nonverbal!.emotions;
    renderUi(<ReportView report={r} />);
    expect(screen.queryByTestId("emotion-panel")).toBeNull();
  });

  it("shows an unmeasured score as such on the radar and in the list", () => {
    const r = recruitmentReport();
    r.scores.nonverbal = null;
    r.score_details!.nonverbal!.points = null;
    renderUi(<ReportView report={r} />);
    expect(screen.getByTestId("radar-chart").getAttribute("aria-label")).toContain("Non verbal non mesuré");
    expect(screen.getByTestId("radar-chart").querySelectorAll(".radar-dot")).toHaveLength(2);
  });
});

describe("ReportView with a minimal report", () => {
  it("renders without speech, text, non-verbal data or details", () => {
    renderUi(<ReportView report={{ transcript: "", scores: { total: null }, meta: {} }} />);
    expect(screen.getByTestId("radar-chart")).toBeTruthy();
    expect(screen.getByText("Aucune parole transcrite.")).toBeTruthy();
    expect(screen.queryByTestId("timeline")).toBeNull();
  });

  it("lists per-question results with their rubric coverage and evidence", async () => {
    const r = sampleReport();
    r.questions = [
      { index: 0, text: "Présentez-vous.", start: 0, end: 20, scores: { total: 70, verbal: 30, paraverbal: 12, nonverbal: 28 }, transcript: "Bonjour…" },
      {
        index: 1,
        text: "Vos points faibles ?",
        start: 20,
        end: 47,
        scores: { total: 81, verbal: 31, paraverbal: 16, nonverbal: null },
        rubric: {
          score: 64.5,
          criteria: [
            { id: "c1", name: "Cite un point faible réel", weight: 0.6, coverage: 0.9, evidence: ["je veux parfois tout vérifier moi-même"] },
            { id: "c2", name: "Montre un plan de progrès", weight: 0.4, coverage: 0.2, evidence: [] },
          ],
        },
      },
    ];
    renderUi(<ReportView report={r} videoSrc="/v.mp4" />);
    const items = screen.getAllByTestId("question");
    expect(items).toHaveLength(2);
    expect(within(items[1]).getByText("Question 2 — Vos points faibles ?")).toBeTruthy();
    // an answer with a part not measured has no total: "incomplete" with what could be measured
    expect(within(items[0]).getByTestId("answer-score").textContent).toContain("Score de la réponse 70 / 100");
    expect(within(items[1]).getByTestId("answer-score").textContent).toContain("Score de la réponse Incomplet (47 sur les 60 points qui ont pu être mesurés)");
    expect(items[1].textContent).toContain("Non verbal non mesuré");
    expect(items[1].textContent).not.toContain("Score de l'entretien");
    await userEvent.click(within(items[1]).getByText(/Grille d'évaluation/));
    expect(within(items[1]).getByText("« je veux parfois tout vérifier moi-même »")).toBeTruthy();
    expect(within(items[1]).getByText("90 %")).toBeTruthy();
    expect(within(items[1]).getByText("aucun passage trouvé")).toBeTruthy();
    await userEvent.click(within(items[1]).getByRole("button", { name: "0:20–0:47" }));
    expect((screen.getByTestId("video") as HTMLVideoElement).currentTime).toBe(20);
  });

  it("gives each answer's measures, and its dominant expression in coaching mode only", () => {
    const answer = {
      index: 1,
      text: "Présentez-vous.",
      start: 0,
      end: 20,
      transcript: "Bonjour, je m'appelle Claire.",
      speech: { duration_sec: 20, words: 44, wpm: 131.6, silence_sec: 1.2, fillers: 2 },
      nonverbal: { eye_contact_ratio: 0.64, nods: 1, face_detected_ratio: 1, emotions: { dominant_emotion: "happiness", distribution: { happiness: 1 } } },
      rubric: { score: 100, criteria: [{ id: "p", name: "Présentation", weight: 1, coverage: 1, evidence: ["Bonjour, je m'appelle Claire."] }], definition: { method: "edited", criteria: [] } },
    };
    const coaching = sampleReport();
    coaching.questions = [answer];
    const { unmount } = renderUi(<ReportView report={coaching} />);
    const item = screen.getByTestId("question");
    const text = (el: Element) => (el.textContent ?? "").replace(/[\u00a0\u202f]/g, " ");
    for (const fact of ["132 mots/min", "2 hésitation(s)", "contact visuel 64 %", "1 hochement(s) de tête", "expression dominante : joie", "grille modifiée par le recruteur"]) {
      expect(text(item)).toContain(fact);
    }
    expect(item.textContent).toContain("Réponse : Bonjour, je m'appelle Claire.");
    unmount();
    const recruitment = recruitmentReport();
    recruitment.questions = [answer];
    renderUi(<ReportView report={recruitment} />, "en");
    const en = screen.getByTestId("question");
    expect(text(en)).toContain("eye contact 64%");
    expect(text(en)).toContain("Rubric: 100% · rubric edited by the recruiter");
    expect(en.textContent).toContain("2 filler(s)");
    expect(screen.queryByTestId("q-expression")).toBeNull();
    expect(en.textContent).not.toMatch(/expression|happiness/i);
  });
});
