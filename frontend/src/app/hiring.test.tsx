import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReportView } from "../report/ReportView";
import { renderUi, sampleReport } from "../test/render";
import { apiConfig, doneInterview, serve } from "../test/server";
import { ImpactReport } from "./AdverseImpact";
import { ComparisonPage, ComparisonTable, noRankText, sortRows } from "./Comparison";
import { DemographicsPanel } from "./Demographics";
import { HIRING_MESSAGES, hiringText } from "./hiring.messages";
import { InterviewPage } from "./InterviewPage";
import { PositionPage } from "./PositionPage";
import { draftOf, fieldsFromDraft, PositionsPage } from "./Positions";
import type { AdverseImpact, Comparison, ComparisonRow, Position } from "./positions";
import { appLink, href, parseRoute } from "./route";
import { SeekTo } from "./SeekTo";
import { Uploader } from "./Uploader";


beforeEach(() => {
  document.cookie = "csrftoken=tok";
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const scores = (verbal: number | null, paraverbal: number | null, nonverbal: number | null) => ({
  verbal,
  paraverbal,
  nonverbal,
  total: verbal != null && paraverbal != null && nonverbal != null ? verbal + paraverbal + nonverbal : null,
});

function row(over: Partial<ComparisonRow> & Pick<ComparisonRow, "interview" | "candidate_name">): ComparisonRow {
  return {
    status: "DONE",
    created_at: "2026-11-25T10:00:00Z",
    scores: scores(30, 15, 30),
    measured: null,
    complete: true,
    incomplete_reasons: [],
    rank: null,
    questions: [],
    decision: "",
    decided_by: null,
    decided_at: null,
    report_version: 1,
    rubric_versions: { "1": 2 },
    stale_rubric: false,
    ...over,
  };
}

const answer = (interview: string, index: number, coverage: number | null, start: number | null, evidence: string[] = []) => ({
  index,
  coverage,
  rubric_score: coverage == null ? null : coverage * 100,
  answer_score: null,
  start,
  end: start == null ? null : start + 30,
  evidence,
  link: `/interviews/${interview}?t=${start}&q=${index}`,
  ratings: { visible: true, count: 0, mean: null, spread: null, range: null, people: [], automatic: null, flags: [] },
});

/** Four candidates: two ranked, one with an incomplete score (no face), one not analysed yet. */
const comparison: Comparison = {
  position: "p1",
  disclaimer: "These measures and scores assist a human reviewer; they never replace a human decision.",
  questions: [
    { index: 1, text: "Présentez-vous." },
    { index: 2, text: "Pourquoi ce poste ?" },
  ],
  rubric_versions: { "1": 2, "2": 1 },
  median_total: 72.5,
  scale: { min: 1, max: 5, anchors: {} },
  rows: [
    row({ interview: "a", candidate_name: "Anne", rank: 2, scores: scores(30, 15, 25), questions: [answer("a", 1, 0.5, 3), answer("a", 2, 0.9, 41)] }),
    row({
      interview: "b",
      candidate_name: "Bruno",
      rank: 1,
      scores: scores(35, 15, 30),
      stale_rubric: true,
      decision: "advance",
      decided_by: "rh",
      decided_at: "2026-11-26T10:00:00Z",
      questions: [answer("b", 1, 0.8, 12.5, ["J'ai dirigé une équipe de cinq personnes."]), answer("b", 2, 0.4, 60)],
    }),
    row({
      interview: "c",
      candidate_name: "Chloé",
      scores: scores(38, 18, null),
      complete: false,
      measured: { points: 56, out_of: 60, parts: ["verbal", "paraverbal"] },
      incomplete_reasons: [{ part: "nonverbal", code: "no_face", params: {} }],
      questions: [answer("c", 1, 1, 2), answer("c", 2, 1, 50)],
    }),
    row({ interview: "d", candidate_name: "David", status: "PENDING", scores: scores(null, null, null), complete: false, questions: [] }),
  ],
};

/** Text with the locale's (narrow) no-break spaces as plain spaces ("80 %"). */
const plain = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

const names = () => screen.getAllByTestId("comparison-row").map((r) => r.querySelector("td.candidate a")!.textContent);

describe("routes", () => {
  it("reads the answer's time and question from an interview link, and the position pages", () => {
    expect(parseRoute("#/interviews/ab-1?t=12.5&q=2")).toEqual({ name: "interview", id: "ab-1", t: 12.5, q: 2 });
    expect(parseRoute("#/interviews/ab-1?t=-3&q=zero")).toEqual({ name: "interview", id: "ab-1" });
    expect(parseRoute("#/interviews/ab-1?t=null&q=1")).toEqual({ name: "interview", id: "ab-1", q: 1 });
    expect(parseRoute("#/positions")).toEqual({ name: "positions" });
    expect(parseRoute("#/positions/p1")).toEqual({ name: "position", id: "p1" });
    expect(parseRoute("#/positions/p1/comparison")).toEqual({ name: "comparison", id: "p1" });
    expect(parseRoute("#/positions/p1/adverse-impact/")).toEqual({ name: "adverseImpact", id: "p1" });
    expect(parseRoute("#/positions/../x")).toEqual({ name: "list" });
    expect(appLink("/interviews/ab-1?t=12.5&q=2")).toBe("#/interviews/ab-1?t=12.5&q=2");
    expect(href({ name: "interview", id: "x" })).toBe("#/interviews/x");
  });
});

describe("comparison: sorting and ranks", () => {
  it("sorts by any column, missing values last in either direction", () => {
    const by = (key: Parameters<typeof sortRows>[1], dir: Parameters<typeof sortRows>[2]) => sortRows(comparison.rows, key, dir).map((r) => r.candidate_name);
    expect(by("rank", "ascending")).toEqual(["Bruno", "Anne", "Chloé", "David"]);
    expect(by("rank", "descending")).toEqual(["Anne", "Bruno", "Chloé", "David"]);
    // an incomplete score has no total to sort on, however high its measured parts are
    expect(by("total", "descending")).toEqual(["Bruno", "Anne", "Chloé", "David"]);
    expect(by("nonverbal", "ascending")).toEqual(["Anne", "Bruno", "Chloé", "David"]);
    expect(by("q1", "descending")).toEqual(["Chloé", "Bruno", "Anne", "David"]);
    expect(by("q2", "ascending")).toEqual(["Bruno", "Anne", "Chloé", "David"]);
    expect(by("candidate", "descending")).toEqual(["David", "Chloé", "Bruno", "Anne"]);
    expect(by("decision", "ascending")).toEqual(["Bruno", "Anne", "Chloé", "David"]);
  });

  it("sorts from the header buttons, with the mouse or the keyboard, and says the order with aria-sort", async () => {
    renderUi(<ComparisonTable data={comparison} />);
    expect(names()).toEqual(["Bruno", "Anne", "Chloé", "David"]);
    const rankHead = screen.getByRole("columnheader", { name: /Rang/ });
    expect(rankHead.getAttribute("aria-sort")).toBe("ascending");
    const q1 = screen.getByRole("button", { name: /Q1/ });
    await userEvent.click(q1);
    expect(q1.closest("th")!.getAttribute("aria-sort")).toBe("descending");
    expect(rankHead.getAttribute("aria-sort")).toBe("none");
    expect(names()).toEqual(["Chloé", "Bruno", "Anne", "David"]);
    q1.focus();
    await userEvent.keyboard("{Enter}");
    expect(q1.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
    expect(names()).toEqual(["Anne", "Bruno", "Chloé", "David"]);
    const name = screen.getByRole("button", { name: "Candidat·e" });
    name.focus();
    await userEvent.keyboard(" ");
    expect(names()).toEqual(["Anne", "Bruno", "Chloé", "David"]);
    expect(name.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
  });

  it("never ranks an incomplete score, and says why in the reader's language", () => {
    renderUi(<ComparisonTable data={comparison} />);
    const rowOf = (n: string) => screen.getAllByTestId("comparison-row").find((r) => r.getAttribute("data-interview") === n)!;
    expect(within(rowOf("b")).getByTestId("rank").textContent).toBe("1");
    const chloe = within(rowOf("c"));
    expect(chloe.getByTestId("rank").textContent).toMatch(/^sans rang/);
    expect(chloe.getByTestId("no-rank-why").textContent).toBe("Pas de rang : score incomplet. Non verbal : aucun visage détecté.");
    expect(chloe.getByTestId("total").textContent).toBe("Incomplet56 sur les 60 points qui ont pu être mesurés");
    expect(within(rowOf("d")).getByTestId("no-rank-why").textContent).toBe("Pas de rang : entretien pas encore analysé.");
    expect(noRankText(comparison.rows[2], "en")).toBe("No rank: incomplete score. Non-verbal: no face detected.");
    expect(noRankText(comparison.rows[1], "en")).toBeNull();
    expect(noRankText({ ...comparison.rows[3], status: "ERROR" }, "fr")).toBe("Pas de rang : l'analyse de l'entretien a échoué.");
  });

  it("links each question cell to the answer's time in the interview video; the evidence opens in the cell", async () => {
    renderUi(<ComparisonTable data={comparison} />);
    const bruno = screen.getAllByTestId("comparison-row").find((r) => r.getAttribute("data-interview") === "b")!;
    const cell = within(bruno).getByTestId("q1");
    const link = within(cell).getByRole("link");
    expect(link.getAttribute("href")).toBe("#/interviews/b?t=12.5&q=1");
    expect(parseRoute(link.getAttribute("href")!)).toEqual({ name: "interview", id: "b", t: 12.5, q: 1 });
    expect(plain(link.textContent)).toBe("80 % — ouvrir la réponse 1 de Bruno dans la vidéo, à 0:12");
    await userEvent.click(within(cell).getByText("passages (1)"));
    expect(within(cell).getByText("J'ai dirigé une équipe de cinq personnes.")).toBeTruthy();
    expect(within(bruno).getByTestId("stale").textContent).toBe("évaluée avec une ancienne grille");
    expect(within(bruno).getByText("Poursuivre le processus")).toBeTruthy();
    // French elision in the link's words
    const anne = screen.getAllByTestId("comparison-row").find((r) => r.getAttribute("data-interview") === "a")!;
    expect(within(anne).getByTestId("q2").querySelector("a")!.getAttribute("title")).toBe("ouvrir la réponse 2 d'Anne dans la vidéo, à 0:41");
  });

  it("shows the page in English with the disclaimer, the median and the current rubric versions", async () => {
    serve({
      "GET /api/positions/p1/comparison/": () => [200, comparison],
      "GET /api/positions/p1/": () => [200, { ...position, role: "reviewer" }],
    });
    renderUi(<ComparisonPage id="p1" onAuthLost={() => {}} />, "en");
    expect(await screen.findByText("Candidate comparison: Data analyst")).toBeTruthy();
    expect(screen.getByTestId("cmp-disclaimer").textContent).toMatch(/^These measures and scores assist a human reviewer; they never replace a human decision\./);
    expect(screen.getByTestId("median").textContent).toBe("Median score of the complete interviews: 72.5 out of 100.");
    expect(screen.getByText("Current rubrics: question 1 at version 2, question 2 at version 1.")).toBeTruthy();
    expect(screen.getByText("scored with an older rubric")).toBeTruthy();
    expect(screen.getAllByText("no rank")).toHaveLength(2);
  });

  it("offers the comparison as a CSV download, reached with the keyboard and described", async () => {
    serve({
      "GET /api/positions/p1/comparison/": () => [200, comparison],
      "GET /api/positions/p1/": () => [200, { ...position, role: "reviewer" }],
    });
    renderUi(<ComparisonPage id="p1" onAuthLost={() => {}} />, "en");
    const link = await screen.findByRole("link", { name: "Download as CSV" });
    expect(link.getAttribute("href")).toBe("/api/positions/p1/comparison/?format=csv");
    expect(link.hasAttribute("download")).toBe(true);
    expect(link.getAttribute("aria-describedby")).toBe("cmp-csv-hint");
    expect(document.getElementById("cmp-csv-hint")!.textContent).toBe("One row per candidate; the ratings you may not see yet appear only as their count.");
    // Tab order: back link, refresh, then the download.
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(link);
  });
});

const criteria = [{ id: "team", name: "Équipe", description: "Parle d'un travail en équipe.", weight: 1 }];
const position: Position = {
  id: "p1",
  organisation: "o1",
  title: "Data analyst",
  language: "fr",
  description: "Analyse des ventes.",
  questions: [
    { text: "Présentez-vous.", weight: 1 },
    { text: "Pourquoi ce poste ?", weight: 2 },
  ],
  weights: "verbal=40,paraverbal=20,nonverbal=40",
  retention_days: 180,
  mode: "recruitment",
  think_time_sec: 30,
  answer_time_sec: 120,
  takes: 2,
  practice_question: "",
  reviewers: ["relecteur"],
  role: "recruiter",
  interview_count: 4,
  rubrics: [
    { question_index: 1, version: 2, rubric: { criteria }, source: "edited", created_by: "rh", created_at: "2026-11-25T10:00:00Z" },
    { question_index: 2, version: 1, rubric: { criteria }, source: "generated", created_by: null, created_at: "2026-11-24T10:00:00Z" },
  ],
  created_at: "2026-11-24T10:00:00Z",
  updated_at: "2026-11-25T10:00:00Z",
  rating_scale: { min: 1, max: 5, anchors: {} },
  independent_ratings: true,
  review_deadline: null,
};

describe("position page", () => {
  it("renders no edit control for a reviewer", async () => {
    const calls = serve({ "GET /api/positions/p1/": () => [200, { ...position, role: "reviewer" }] });
    renderUi(<PositionPage id="p1" onAuthLost={() => {}} />);
    expect(await screen.findByRole("heading", { name: "Data analyst" })).toBeTruthy();
    expect(screen.getByTestId("read-only").textContent).toMatch(/seul·e un·e recruteur·se/);
    expect(screen.getAllByTestId("rubric")).toHaveLength(2);
    expect(screen.getAllByText("Équipe")).toHaveLength(2);
    expect(within(screen.getByTestId("position-questions")).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Présentez-vous. (poids 1)",
      "Pourquoi ce poste ? (poids 2)",
    ]);
    for (const name of [/Modifier/, /Supprimer/, /Retirer/, /Ajouter/, /Enregistrer/]) expect(screen.queryByRole("button", { name })).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("link", { name: "Rapport d'impact défavorable" })).toBeNull();
    expect(screen.getByRole("link", { name: "Comparer les candidatures" }).getAttribute("href")).toBe("#/positions/p1/comparison");
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("lets a recruiter edit the position, its reviewers and a question's rubric (a new version)", async () => {
    const calls = serve({
      "GET /api/positions/p1/": () => [200, position],
      "PATCH /api/positions/p1/": (b) => [200, { ...position, ...(b as object) }],
      "POST /api/positions/p1/rubrics/": (b) => {
        const body = b as { question_index: number; rubric: unknown };
        return [201, { question_index: body.question_index, version: 3, rubric: body.rubric, source: "edited", created_by: "rh", created_at: "2026-11-27T10:00:00Z" }];
      },
      "DELETE /api/positions/p1/reviewers/relecteur/": () => [204, null],
      "POST /api/positions/p1/reviewers/": () => [400, { username: ["not a member of the organisation"] }],
      "DELETE /api/positions/p1/": () => [409, { detail: "the position still has interviews" }],
    });
    renderUi(<PositionPage id="p1" onAuthLost={() => {}} />);
    await userEvent.click(await screen.findByRole("button", { name: "Modifier le poste" }));
    const title = screen.getByLabelText("Intitulé du poste");
    await userEvent.clear(title);
    await userEvent.type(title, "Data analyst senior");
    await userEvent.click(screen.getByRole("button", { name: "Descendre la question 1" }));
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le poste" }));
    expect(await screen.findByRole("heading", { name: "Data analyst senior" })).toBeTruthy();
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toMatchObject({
      title: "Data analyst senior",
      questions: [
        { text: "Pourquoi ce poste ?", weight: 2 },
        { text: "Présentez-vous.", weight: 1 },
      ],
      retention_days: 180,
    });
    expect(patch.body).not.toHaveProperty("organisation");

    await userEvent.click(screen.getAllByRole("button", { name: "Modifier la grille" })[0]);
    const form = screen.getByTestId("rubric-form");
    await userEvent.clear(within(form).getByLabelText("Poids"));
    await userEvent.type(within(form).getByLabelText("Poids"), "2");
    await userEvent.click(within(form).getByRole("button", { name: "Enregistrer (nouvelle version)" }));
    expect(await screen.findByText("Enregistrée : version 3.")).toBeTruthy();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toMatchObject({ question_index: 1, rubric: { criteria: [{ id: "team", weight: 2 }] } });

    await userEvent.click(screen.getByRole("button", { name: "Retirer relecteur" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    await userEvent.type(screen.getByLabelText("Identifiant du membre à ajouter"), "inconnu");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter" }));
    expect((await within(screen.getByTestId("reviewers")).findByRole("alert")).textContent).toBe(
      "« inconnu » ne peut pas être ajouté·e : seul un membre de l'organisation du poste peut évaluer ses candidatures.",
    );
    expect(calls.filter((c) => c.method === "POST" && c.path.endsWith("/reviewers/")).map((c) => c.body)).toEqual([{ username: "inconnu" }]);
    await userEvent.click(screen.getByRole("button", { name: "Supprimer le poste" }));
    await userEvent.click(screen.getByRole("button", { name: "Oui, supprimer" }));
    expect(await screen.findByText("Erreur : Le poste a encore 4 entretien(s) : supprimez-les d'abord.")).toBeTruthy();
  });

  it("lists the positions; only a recruiter or an administrator gets the creation form", async () => {
    serve({
      "GET /api/positions/": () => [200, [{ ...position, role: "reviewer" }]],
      "GET /api/organisations/": () => [200, [{ id: "o1", name: "Acme", role: "reviewer" }]],
    });
    renderUi(<PositionsPage onAuthLost={() => {}} />, "en");
    const link = await screen.findByRole("link", { name: "Data analyst" });
    expect(link.getAttribute("href")).toBe("#/positions/p1");
    expect(within(screen.getByTestId("positions")).getByText("reviewer")).toBeTruthy();
    expect(screen.queryByTestId("position-form")).toBeNull();
    expect(screen.queryByRole("heading", { name: "New position" })).toBeNull();
  });

  it("creates a position in the recruiter's organisation", async () => {
    const calls = serve({
      "GET /api/positions/": () => [200, []],
      "GET /api/organisations/": () => [200, [{ id: "o1", name: "Acme", role: "recruiter" }]],
      "POST /api/positions/": (b) => [201, { ...position, ...(b as object), id: "p9" }],
    });
    const config = apiConfig({ upload_max_mb: 10, max_video_sec: 600, allowed_modes: ["recruitment"], languages: ["fr"], retention_days: 90 });
    renderUi(<PositionsPage onAuthLost={() => {}} config={config} />);
    const form = await screen.findByTestId("position-form");
    await userEvent.type(within(form).getByLabelText("Intitulé du poste"), "Comptable");
    await userEvent.click(within(form).getByRole("button", { name: "Créer le poste" }));
    expect(screen.getByRole("alert").textContent).toBe("Écrivez la question 1 ou retirez-la.");
    await userEvent.type(within(form).getByLabelText("Texte de la question 1"), "Présentez-vous.");
    await userEvent.click(within(form).getByRole("button", { name: "Créer le poste" }));
    expect(await screen.findByText("Poste « Comptable » créé.")).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      organisation: "o1",
      title: "Comptable",
      language: "auto",
      description: "",
      questions: [{ text: "Présentez-vous.", weight: 1 }],
      weights: "verbal=40,paraverbal=20,nonverbal=40",
      retention_days: 90, // the server's default retention, not "never"
      mode: "recruitment",
      // the one-way interview's defaults: 30 s to think, 2 minutes to answer, one take, no practice question
      think_time_sec: 30,
      answer_time_sec: 120,
      takes: 1,
      practice_question: "",
      // the team's ratings: a 1-5 scale without anchors, independent ratings, no deadline
      rating_scale: { min: 1, max: 5, anchors: {} },
      independent_ratings: true,
      review_deadline: null,
    });
  });

  it("checks the position form before sending", () => {
    const d = draftOf(position);
    expect(fieldsFromDraft(d, false).problem).toBeNull();
    expect(fieldsFromDraft({ ...d, title: " " }, false).problem).toEqual({ key: "pos.err.title" });
    expect(fieldsFromDraft({ ...d, questions: [{ text: "a", weight: "1" }, { text: "", weight: "1" }] }, false).problem).toEqual({ key: "pos.err.questionText", n: 2 });
    expect(fieldsFromDraft({ ...d, questions: [{ text: "a", weight: "0" }] }, false).problem).toEqual({ key: "pos.err.weight", n: 1 });
    expect(fieldsFromDraft({ ...d, questions: [{ text: "a", weight: "0,5" }] }, false).fields.questions).toEqual([{ text: "a", weight: 0.5 }]);
    expect(fieldsFromDraft({ ...d, weights: "verbal=50, paraverbal=10,nonverbal=40" }, false).problem).toBeNull();
    expect(fieldsFromDraft({ ...d, weights: "verbal:50" }, false).problem).toEqual({ key: "pos.err.weights" });
    // the server refuses an empty value: empty means the default points
    expect(fieldsFromDraft({ ...d, weights: " " }, false).fields.weights).toBe("verbal=40,paraverbal=20,nonverbal=40");
    expect(fieldsFromDraft({ ...d, retention_days: "-1" }, false).problem).toEqual({ key: "pos.err.retention" });
    expect(fieldsFromDraft({ ...d, organisation: "" }, true).problem).toEqual({ key: "pos.err.organisation" });
  });
});

const group = (g: string, n: number, over: Partial<AdverseImpact["categories"][number]["groups"][number]> = {}) => ({
  group: g,
  n,
  scored_n: n,
  above_median: 0,
  scoring_rate: null,
  scoring_impact_ratio: null,
  decided_n: 0,
  selected: 0,
  selection_rate: null,
  selection_impact_ratio: null,
  too_few: false,
  four_fifths_flag: null,
  ...over,
});

const impact: AdverseImpact = {
  position: "p1",
  method: "Scoring rate = share above the median …",
  min_group_size: 5,
  median_total: 70,
  candidates: 13,
  categories: [
    {
      category: "sex",
      unknown: 1,
      groups: [
        // 6 complete scores, 3 above the median: 0.5 ; 4 decided, 2 advanced: 0.5
        group("female", 6, { above_median: 3, scoring_rate: 0.5, scoring_impact_ratio: 0.667, decided_n: 4, selected: 2, selection_rate: 0.5, selection_impact_ratio: 1, four_fifths_flag: true }),
        group("male", 5, { above_median: 3, scoring_rate: 0.75, scoring_impact_ratio: 1, decided_n: 4, selected: 2, selection_rate: 0.5, selection_impact_ratio: 1, four_fifths_flag: false }),
        group("another", 1, { too_few: true, above_median: 1, decided_n: 1, selected: 1 }),
      ],
    },
  ],
};

describe("adverse-impact report", () => {
  it("shows rates, ratios and the four-fifths flag, and never a rate or a ratio for a group that is too small", () => {
    renderUi(<ImpactReport data={impact} positionId="p1" />);
    const rows = screen.getAllByTestId("impact-group");
    const female = rows.find((r) => r.getAttribute("data-group") === "female")!;
    expect([...female.querySelectorAll("th, td")].map((c) => plain(c.textContent))).toEqual([
      "femme", "6", "6", "3", "50 %", "0,67", "4", "2", "50 %", "1", "sous 80 % : à examiner",
    ]);
    const small = rows.find((r) => r.getAttribute("data-group") === "another")!;
    expect([...small.querySelectorAll("th, td")].map((c) => c.textContent)).toEqual(["autre", "1", "trop peu pour conclure"]);
    expect(small.textContent).not.toMatch(/%|\d[,.]\d/);
    expect(screen.getByTestId("unknown").textContent).toBe("Inconnu (non déclaré ou préfère ne pas répondre) : 1");
    expect(screen.getByRole("heading", { name: "Sexe" })).toBeTruthy();
    expect(screen.getByTestId("csv").getAttribute("href")).toBe("/api/positions/p1/adverse-impact/?format=csv");
    expect(screen.getByTestId("json").getAttribute("href")).toBe("/api/positions/p1/adverse-impact/?format=json");
    const method = screen.getByTestId("method").textContent!;
    expect(method).toContain("strictement supérieurs à la médiane de tous les scores complets du poste (70)");
    expect(method).toContain("les groupes d'au moins 5 personnes");
    expect(method).toContain("inférieur à 0,8 (80 %)");
    expect(method).toContain("moins de 5 personnes est marqué « trop peu pour conclure »");
  });

  it("writes the method and the labels in English", () => {
    renderUi(<ImpactReport data={{ ...impact, min_group_size: 8 }} positionId="p1" />, "en");
    expect(screen.getAllByText("too few to say")).toHaveLength(1);
    expect(screen.getByText("below 80%: to examine")).toBeTruthy();
    const method = screen.getByTestId("method").textContent!;
    expect(method).toContain("strictly above the median of all complete scores of the position (70)");
    expect(method).toContain("the groups of at least 8 people");
    expect(method).toContain("fewer than 8 people is marked “too few to say”");
  });
});

describe("self-declared demographics", () => {
  const categories = { sex: ["female", "male", "another"], age_band: ["under_40", "40+"] };

  it("asks for the separate consent, sends the declared values, then shows only the date, never the values", async () => {
    let declared = false;
    const calls = serve({
      "GET /api/interviews/abc/demographics/": () => [200, declared ? { declared: true, consent_at: "2026-11-27T10:00:00Z" } : { declared: false, consent_at: null }],
      "PUT /api/interviews/abc/demographics/": () => {
        declared = true;
        return [200, { declared: true, consent_at: "2026-11-27T10:00:00Z" }];
      },
      "DELETE /api/interviews/abc/demographics/": () => {
        declared = false;
        return [204, null];
      },
    });
    renderUi(<DemographicsPanel interviewId="abc" categories={categories} />);
    expect((await screen.findByTestId("demo-state")).textContent).toBe("Aucune déclaration.");
    await userEvent.selectOptions(screen.getByLabelText("Sexe"), "female");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer la déclaration" }));
    expect(screen.getByRole("alert").textContent).toMatch(/^Cochez le consentement séparé/);
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
    await userEvent.click(screen.getByLabelText(/a consenti, séparément/));
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer la déclaration" }));
    expect(await screen.findByText("Déclaration enregistrée.")).toBeTruthy();
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({ consent: true, categories: { sex: "female", age_band: "" } });
    const panel = screen.getByTestId("demographics");
    expect(screen.getByTestId("demo-state").textContent).toMatch(/^Déclaration enregistrée le .*2026.* Les réponses ne sont pas affichées\.$/);
    expect(panel.textContent).not.toMatch(/femme|female/);
    expect(within(panel).queryByRole("combobox")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Effacer la déclaration" }));
    expect(await screen.findByText("Déclaration effacée.")).toBeTruthy();
    expect(screen.getByTestId("demo-state").textContent).toBe("Aucune déclaration.");
  });

  it("is hidden for a user who may not enter it (403)", async () => {
    const calls = serve({ "GET /api/interviews/abc/demographics/": () => [403, { detail: "Forbidden" }] });
    renderUi(<DemographicsPanel interviewId="abc" categories={categories} />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => {});
    expect(screen.queryByTestId("demographics")).toBeNull();
  });
});

describe("upload to a position", () => {
  const config = apiConfig({ upload_max_mb: 10, max_video_sec: 600 });

  it("hides the questions and the mode (they come from the position) and sends the position", async () => {
    serve({ "GET /api/positions/": () => [200, [position, { ...position, id: "p2", title: "Lecture seule", role: "reviewer" }]] });
    const send = vi.spyOn(XMLHttpRequest.prototype, "send").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "open").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "setRequestHeader").mockImplementation(() => {});
    renderUi(<Uploader config={config} onUploaded={() => {}} />);
    const select = (await screen.findByLabelText("Poste")) as HTMLSelectElement;
    // a reviewer cannot upload: only the recruiter's position is offered
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["Aucun : entretien seul, questions saisies ci-dessous", "Data analyst"]);
    expect(screen.getByLabelText("Questions posées (facultatif, une par ligne)")).toBeTruthy();
    await userEvent.selectOptions(select, "p1");
    expect(screen.queryByLabelText("Questions posées (facultatif, une par ligne)")).toBeNull();
    expect(screen.queryByLabelText("Mode")).toBeNull();
    expect(screen.queryByLabelText("Langue de l'entretien")).toBeNull();
    expect(screen.getByTestId("from-position").textContent).toBe("La langue, les questions, les grilles, la pondération, le mode et la conservation viennent du poste « Data analyst ».");
    await userEvent.upload(screen.getByLabelText("choisissez un fichier"), new File(["x"], "clip.mp4", { type: "video/mp4" }));
    await userEvent.type(screen.getByLabelText("Nom du candidat ou de la candidate"), "Claire Martin");
    await userEvent.click(screen.getByLabelText(/a consenti/));
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    const form = send.mock.calls[0][0] as FormData;
    // the position's fields given at upload are refused by the server: none is sent
    expect([form.get("position"), form.get("questions"), form.get("mode"), form.get("language")]).toEqual(["p1", null, null, null]);
  });
});

describe("opening an interview at an answer", () => {
  it("seeks the video to t and brings question q into view", async () => {
    const report = sampleReport();
    report.questions = [
      { index: 1, text: "Présentez-vous.", start: 0, end: 10 },
      { index: 2, text: "Pourquoi ce poste ?", start: 10, end: 20 },
    ];
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const times: number[] = [];
    vi.spyOn(HTMLMediaElement.prototype, "currentTime", "set").mockImplementation((v: number) => {
      times.push(v);
    });
    renderUi(
      <ReportView report={report} videoSrc="/v.mp4">
        <SeekTo t={12.5} q={2} />
      </ReportView>,
    );
    await waitFor(() => expect(times).toEqual([12.5]));
    const q2 = screen.getAllByTestId("question")[1];
    expect(scrolled).toContain(q2);
    expect(document.activeElement).toBe(q2);
    fireEvent.timeUpdate(screen.getByTestId("video"));
    expect(times).toEqual([12.5]); // once only
  });
});

describe("hiring catalogue", () => {
  const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it("has every key in French and English, non-empty, with the same variables", () => {
    expect(Object.keys(HIRING_MESSAGES.en).sort()).toEqual(Object.keys(HIRING_MESSAGES.fr).sort());
    for (const key of Object.keys(HIRING_MESSAGES.fr) as (keyof typeof HIRING_MESSAGES.fr)[]) {
      expect(HIRING_MESSAGES.fr[key].trim(), key).not.toBe("");
      expect(HIRING_MESSAGES.en[key].trim(), key).not.toBe("");
      expect(vars(HIRING_MESSAGES.en[key]), key).toEqual(vars(HIRING_MESSAGES.fr[key]));
    }
    expect(hiringText("fr", "pos.confirmDelete", { title: "Data analyst" })).toBe("Supprimer définitivement le poste « Data analyst » ?");
    expect(hiringText("en", "pos.confirmDelete", { title: "Data analyst" })).toBe("Delete the position “Data analyst” for good?");
  });
});

describe("a position's interview page", () => {
  const iv = doneInterview({ position: "p1", rubric_versions: { "1": 2 } });
  const questionRow = { index: 1, text: "Présentez-vous.", rubric: { criteria }, rubric_version: 2, rubric_source: "edited" };
  const routes = (role: string) => ({
    "GET /api/interviews/abc/": (): [number, unknown] => [200, iv],
    "GET /api/interviews/abc/report/": (): [number, unknown] => [200, sampleReport()],
    "GET /api/interviews/abc/questions/": (): [number, unknown] => [200, [questionRow]],
    "GET /api/interviews/abc/audit/": (): [number, unknown] => [200, []],
    "GET /api/interviews/abc/demographics/": (): [number, unknown] => [200, { declared: false, consent_at: null }],
    "GET /api/positions/p1/": (): [number, unknown] => [200, { ...position, role }],
  });

  it("gives a reviewer the decision read only: no notes box, no decision, no analysis, no rubric edit, no demographics", async () => {
    const calls = serve(routes("reviewer"));
    renderUi(<InterviewPage id="abc" onAuthLost={() => {}} />);
    expect(await screen.findByTestId("decision-summary")).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path === "/api/positions/p1/")).toBe(true));
    await screen.findByTestId("rubrics");
    expect(screen.queryByTestId("assessment")).toBeNull();
    expect(screen.queryByLabelText("Appréciation")).toBeNull();
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.queryByRole("button", { name: "Analyser à nouveau" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Modifier la grille" })).toBeNull();
    expect(screen.queryByTestId("demographics")).toBeNull();
    expect(calls.some((c) => c.path.endsWith("/demographics/"))).toBe(false);
    expect(screen.getByRole("link", { name: /Poste de cet entretien/ }).getAttribute("href")).toBe("#/positions/p1");
  });

  it("gives a recruiter the decision, the analysis and the demographics form; the rubrics are edited on the position", async () => {
    serve(routes("recruiter"));
    const config = apiConfig({ allowed_modes: ["recruitment"], languages: ["fr"], demographic_categories: { sex: ["female", "male", "another"] } });
    renderUi(<InterviewPage id="abc" onAuthLost={() => {}} config={config} />);
    // the panel comes after the interview, its report (a whole report rendered in jsdom) and the position's role
    expect(await screen.findByTestId("demographics", {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByLabelText("Sexe")).toBeTruthy();
    expect(screen.getAllByRole("radio")).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Analyser à nouveau" })).toBeTruthy();
    await screen.findByTestId("rubrics");
    expect(screen.queryByRole("button", { name: "Modifier la grille" })).toBeNull();
  });
});
