import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlayerProvider } from "../report/player";
import { ReportView } from "../report/ReportView";
import { renderUi, sampleReport } from "../test/render";
import { doneInterview, serve } from "../test/server";
import { ComparisonTable } from "./Comparison";
import { InterviewPage } from "./InterviewPage";
import { PositionPage } from "./PositionPage";
import { draftOf, fieldsFromDraft } from "./Positions";
import type { Comparison, ComparisonRow, Position } from "./positions";
import { ScorecardPanel } from "./Scorecard";
import { meanSpread, ratingsToSend, type MyScorecard, type RatingsCell, type Scorecard, type ScorecardBody, type TeamScorecards } from "./scorecards";
import { TeamRatings } from "./TeamRatings";

beforeEach(() => {
  document.cookie = "csrftoken=tok";
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const scale = { min: 1, max: 5, anchors: { "1": "Aucun exemple", "5": "Exemple précis et chiffré" } };
const questions = [
  { index: 1, text: "Présentez-vous.", criteria: [{ id: "team", label: "Équipe" }] },
  { index: 2, text: "Pourquoi ce poste ?", criteria: [] },
];
const empty: MyScorecard = {
  reviewer: { id: 7, username: "rev" },
  role: "reviewer",
  version: 0,
  submitted: false,
  submitted_at: null,
  updated_at: null,
  ratings: [],
  notes: "",
  scale,
  questions,
};

/** The caller's scorecard as the server answers a PUT: the next version, submitted once submitted, scale and questions. */
function stored(body: ScorecardBody, version: number): MyScorecard {
  return {
    ...empty,
    version,
    submitted: body.submit,
    submitted_at: body.submit ? "2026-11-27T10:00:00Z" : null,
    updated_at: "2026-11-27T10:00:00Z",
    ratings: body.ratings ?? [],
    notes: body.notes,
  };
}

describe("my scorecard", () => {
  it("rates an answer on the scale with its anchors, per criterion, with a moment of the video, and sends the draft then the submission", async () => {
    let version = 0;
    const calls = serve({
      "GET /api/interviews/abc/scorecard/": () => [200, empty],
      "PUT /api/interviews/abc/scorecard/": (b) => [200, stored(b as ScorecardBody, ++version)],
    });
    renderUi(
      <ReportView report={sampleReport()} videoSrc="/v.mp4">
        <ScorecardPanel interviewId="abc" />
      </ReportView>,
    );
    const card = await screen.findByTestId("scorecard", {}, { timeout: 5000 });
    expect(within(card).getByTestId("sc-state").textContent).toBe("Pas encore de grille.");
    const [q1, q2] = within(card).getAllByTestId("sc-question");
    // the answer's rating: a labelled radio group, anchors beside their points
    const answer = within(q1).getByRole("group", { name: "Note de la réponse 1" });
    expect(within(answer).getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      "1 — Aucun exemple", "2", "3", "4", "5 — Exemple précis et chiffré", "Pas de note",
    ]);
    // the keyboard moves within the group (user-event finds the group's radios with CSS.escape, which jsdom lacks)
    vi.stubGlobal("CSS", { escape: (v: string) => v.replace(/[^\w-]/g, (c) => `\\${c}`) });
    await userEvent.click(within(answer).getByRole("radio", { name: "3" }));
    await userEvent.keyboard("{ArrowRight}");
    expect((within(answer).getByRole("radio", { name: "4" }) as HTMLInputElement).checked).toBe(true);
    const team = within(q1).getByRole("group", { name: "Critère « Équipe » (question 1)" });
    await userEvent.click(within(team).getByRole("radio", { name: "3" }));
    expect(within(q2).queryByRole("group", { name: /Critère/ })).toBeNull();

    // the video plays to 12.54 s (on this element only: the test files share one jsdom)
    const video = screen.getByTestId("video");
    Object.defineProperty(video, "currentTime", { configurable: true, value: 12.54 });
    fireEvent.timeUpdate(video);
    await userEvent.click(within(q1).getByRole("button", { name: "Ajouter le moment actuel de la vidéo (0:12) à la question 1" }));
    await userEvent.type(within(q1).getByLabelText("Note sur le moment 0:12 (question 1)"), " équipe ");
    await userEvent.type(within(card).getByLabelText("Remarques générales"), "Solide.");

    await userEvent.click(within(card).getByRole("button", { name: "Enregistrer le brouillon" }));
    expect(await within(card).findByText("Brouillon enregistré (version 1).")).toBeTruthy();
    const puts = () => calls.filter((c) => c.method === "PUT").map((c) => c.body);
    const ratings = [{ question: 1, rating: 4, criteria: [{ criterion: "team", rating: 3 }], evidence: [{ time: 12.5, note: "équipe" }] }];
    expect(puts()).toEqual([{ ratings, notes: "Solide.", submit: false }]);
    expect(within(card).getByTestId("sc-state").textContent).toMatch(/^Brouillon, version 1, enregistré le /);

    await userEvent.click(within(card).getByRole("button", { name: "Soumettre ma grille" }));
    expect(await within(card).findByText("Grille soumise (version 2).")).toBeTruthy();
    expect(puts()[1]).toEqual({ ratings, notes: "Solide.", submit: true });
    expect(within(card).getByTestId("sc-state").textContent).toMatch(/^Soumise, version 2, le /);
    // once submitted, a change is saved as a new version, still submitted: no draft button any more
    expect(within(card).queryByRole("button", { name: "Enregistrer le brouillon" })).toBeNull();
    await userEvent.click(within(card).getByRole("button", { name: "Enregistrer les modifications" }));
    await waitFor(() => expect(puts()).toHaveLength(3));
    expect(puts()[2]).toMatchObject({ submit: true });
  }, 30_000); // a whole report rendered in jsdom, then typing

  it("reads back a stored version, and says a refusal in the reader's language", async () => {
    serve({
      "GET /api/interviews/abc/scorecard/": () => [
        200,
        { ...empty, version: 3, submitted: false, updated_at: "2026-11-26T10:00:00Z", notes: "Brouillon", ratings: [{ question: 2, rating: 2, criteria: [], evidence: [{ time: 40, note: "hésite" }] }] },
      ],
      "PUT /api/interviews/abc/scorecard/": () => [400, { ratings: ["rating 9 is outside the scale 1-5"] }],
    });
    renderUi(
      <PlayerProvider>
        <ScorecardPanel interviewId="abc" />
      </PlayerProvider>,
      "en",
    );
    const card = await screen.findByTestId("scorecard");
    expect(within(card).getByTestId("sc-state").textContent).toMatch(/^Draft, version 3, saved on /);
    const q2 = within(card).getAllByTestId("sc-question")[1];
    expect((within(q2).getByRole("radio", { name: "2" }) as HTMLInputElement).checked).toBe(true);
    expect((within(q2).getByLabelText("Note on the moment at 0:40 (question 2)") as HTMLInputElement).value).toBe("hésite");
    // no video attached: no time to add
    expect((within(q2).getByRole("button", { name: /Add the current video time/ }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(card).getByRole("button", { name: "Submit my scorecard" }));
    expect((await within(card).findByRole("alert")).textContent).toBe("Error: Some ratings are not valid: ratings: rating 9 is outside the scale 1-5");
  });

  it("says the server's refusal codes in the reader's language, with their values", async () => {
    serve({
      "GET /api/interviews/abc/scorecard/": () => [200, empty],
      "PUT /api/interviews/abc/scorecard/": () => [
        400,
        { ratings: ["evidence at 99.0 s is outside the video"], error_code: "evidence_outside_video", error_params: { question: 1, duration_sec: 12 } },
      ],
    });
    renderUi(
      <PlayerProvider>
        <ScorecardPanel interviewId="abc" />
      </PlayerProvider>,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Enregistrer le brouillon" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Erreur : Un moment de la question 1 est hors de la vidéo (12 s).");
  });

  it("keeps only what was rated in the body, and computes a mean and a population spread", () => {
    expect(
      ratingsToSend([
        { question: 1, rating: null, criteria: [{ criterion: "a", rating: null }], evidence: [] },
        { question: 2, rating: null, criteria: [{ criterion: "a", rating: 2 }, { criterion: "b", rating: null }], evidence: [{ time: 3.14159, note: " x " }] },
      ]),
    ).toEqual([{ question: 2, rating: null, criteria: [{ criterion: "a", rating: 2 }], evidence: [{ time: 3.1, note: "x" }] }]);
    expect(meanSpread([2, 4])).toEqual({ mean: 3, spread: 1 });
    expect(meanSpread([])).toEqual({ mean: null, spread: null });
  });
});

describe("the team's ratings", () => {
  const qs = questions.map(({ index, text }) => ({ index, text }));
  const card = (username: string, id: number, r1: number, r2: number | null, notes = ""): Scorecard => ({
    reviewer: { id, username },
    role: "reviewer",
    version: 1,
    submitted: true,
    submitted_at: "2026-11-27T10:00:00Z",
    updated_at: "2026-11-27T10:00:00Z",
    ratings: [
      { question: 1, rating: r1, criteria: [], evidence: [] },
      { question: 2, rating: r2, criteria: [], evidence: [] },
    ],
    notes,
  });

  it("says to submit one's own ratings first while they are hidden, and shows nothing of the others'", async () => {
    const hidden: TeamScorecards = { visible: false, hidden_reason: "submit_first", scale, scorecards: [] };
    serve({ "GET /api/interviews/abc/scorecards/": () => [200, hidden] });
    const { unmount } = renderUi(<TeamRatings interviewId="abc" questions={qs} />);
    expect((await screen.findByTestId("team-hidden")).textContent).toBe("Soumettez vos propres notes pour voir celles des autres.");
    expect(screen.queryByTestId("team-table")).toBeNull();
    unmount();
    renderUi(<TeamRatings interviewId="abc" questions={qs} />, "en");
    expect((await screen.findByTestId("team-hidden")).textContent).toBe("Submit your own ratings to see the others'.");
  });

  it("shows each person's rating per question side by side with the mean and the spread", async () => {
    const visible: TeamScorecards = { visible: true, hidden_reason: null, scale, scorecards: [card("alice", 1, 4, 2, "Très clair."), card("bob", 2, 2, null)] };
    serve({ "GET /api/interviews/abc/scorecards/": () => [200, visible] });
    renderUi(<TeamRatings interviewId="abc" questions={qs} />);
    const table = await screen.findByTestId("team-table");
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Question", "alice", "bob", "Moyenne", "Écart-type"]);
    const rows = within(table).getAllByTestId("team-row").map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["4", "2", "3", "1"],
      ["2", "–", "2", "0"],
    ]);
    expect(screen.queryByTestId("team-hidden")).toBeNull();
    await userEvent.click(screen.getByText("Remarques de alice", { exact: false }));
    expect(screen.getByText("Très clair.")).toBeTruthy();
  });
});

describe("ratings in the comparison", () => {
  const row = (interview: string, name: string, ratings: RatingsCell): ComparisonRow => ({
    interview,
    candidate_name: name,
    status: "DONE",
    created_at: "2026-11-25T10:00:00Z",
    scores: { verbal: 30, paraverbal: 15, nonverbal: 30, total: 75 },
    measured: null,
    complete: true,
    incomplete_reasons: [],
    rank: 1,
    questions: [
      { index: 1, coverage: 0.9, rubric_score: 90, answer_score: null, start: 2, end: 30, evidence: [], link: `/interviews/${interview}?t=2&q=1`, ratings },
    ],
    decision: "",
    decided_by: null,
    decided_at: null,
    report_version: 1,
    rubric_versions: { "1": 1 },
    stale_rubric: false,
  });
  const data: Comparison = {
    position: "p1",
    disclaimer: "",
    questions: [{ index: 1, text: "Présentez-vous." }],
    rubric_versions: { "1": 1 },
    median_total: 75,
    scale: { min: 1, max: 5, anchors: {} },
    rows: [
      row("a", "Anne", { visible: true, count: 2, mean: 3, spread: 2, range: 4, people: [{ reviewer: "alice", rating: 5 }, { reviewer: "bob", rating: 1 }], automatic: 4.6, flags: ["people_disagree"] }),
      row("b", "Bruno", { visible: true, count: 1, mean: 1, spread: 0, range: 0, people: [{ reviewer: "alice", rating: 1 }], automatic: 4.2, flags: ["people_vs_automatic"] }),
      // hidden: how many submitted, and the machine's measure, but no one's rating
      row("c", "Chloé", { visible: false, count: 2, mean: null, spread: null, range: null, people: [], automatic: 3.4, flags: [] }),
    ],
  };
  const cell = (interview: string) =>
    within(within(screen.getAllByTestId("comparison-row").find((r) => r.getAttribute("data-interview") === interview)!).getByTestId("q1"));

  it("shows count, mean, spread, each person's rating, the automatic measure and the flags in words", () => {
    renderUi(<ComparisonTable data={data} />);
    const anne = cell("a");
    expect(anne.getByTestId("ratings-summary").textContent).toBe("2 note(s) · moyenne 3 · écart-type 2");
    expect(anne.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["alice : 5", "bob : 1"]);
    expect(anne.getByText("auto : 4,6")).toBeTruthy();
    expect(screen.getByTestId("ratings-note").textContent).toMatch(/^Notes de l'équipe sur l'échelle de 1 à 5 ; « auto » : la couverture automatique/);
    expect(anne.getByTestId("rating-flag").textContent).toBe("⚠ Les évaluateurs divergent");
    expect(cell("b").getByTestId("rating-flag").textContent).toBe("≠ Écart avec la mesure automatique");
    const chloe = cell("c");
    expect(chloe.getByTestId("ratings-hidden").textContent).toBe("2 note(s), masquées : soumettez d'abord votre grille");
    expect(chloe.queryByTestId("ratings-summary")).toBeNull();
    expect(chloe.queryByRole("listitem")).toBeNull();
    expect(chloe.queryByTestId("rating-flag")).toBeNull();
    // the legend gives each flag's rule, from the shared catalogue
    const legend = within(screen.getByTestId("flags-legend"));
    expect(legend.getByText("Les personnes qui ont noté cette réponse ne sont pas d'accord : leurs notes sont éloignées de 40 % de l'échelle ou plus.")).toBeTruthy();
    expect(legend.getByText(/^La note moyenne des personnes et la couverture automatique/)).toBeTruthy();
  });

  it("says the flags in English", () => {
    renderUi(<ComparisonTable data={data} />, "en");
    expect(cell("a").getByTestId("rating-flag").textContent).toBe("⚠ People disagree");
    expect(cell("b").getByTestId("rating-flag").textContent).toBe("≠ People differ from the automatic measure");
    expect(cell("c").getByTestId("ratings-hidden").textContent).toBe("2 rating(s), hidden: submit yours first");
    expect(cell("c").getByText("auto: 3.4")).toBeTruthy();
    expect(screen.getByTestId("ratings-note").textContent).toMatch(/until you submit your own scorecard for it \(independent ratings\)\.$/);
  });
});

describe("the assessment on a position's interview", () => {
  const position = (role: Position["role"]): Partial<Position> => ({
    id: "p1",
    organisation: "o1",
    title: "Data analyst",
    questions: [{ text: "Présentez-vous.", weight: 1 }],
    reviewers: ["rev"],
    rubrics: [],
    role,
  });
  const iv = doneInterview({
    position: "p1",
    decision: "advance",
    decided_by: "alice",
    decided_at: "2026-11-26T10:00:00Z",
    assessment: "alice : solide",
    ...({
      assessment_by: "alice",
      assessment_at: "2026-11-26T10:00:00Z",
      assessment_history: [{ author: "bob", text: "première impression", created_at: "2026-11-25T10:00:00Z" }],
    } as object),
  });
  const routes = (role: Position["role"]) => ({
    "GET /api/interviews/abc/": (): [number, unknown] => [200, iv],
    "GET /api/interviews/abc/report/": (): [number, unknown] => [200, sampleReport()],
    "GET /api/interviews/abc/questions/": (): [number, unknown] => [200, []],
    "GET /api/interviews/abc/audit/": (): [number, unknown] => [200, []],
    "GET /api/interviews/abc/scorecard/": (): [number, unknown] => [200, empty],
    "GET /api/interviews/abc/scorecards/": (): [number, unknown] => [200, { visible: false, hidden_reason: "submit_first", scale, scorecards: [] }],
    "GET /api/positions/p1/": (): [number, unknown] => [200, position(role)],
    "PATCH /api/interviews/abc/assessment/": (): [number, unknown] => [403, { detail: "reviewers use their scorecard", error_code: "reviewer_uses_scorecard" }],
  });

  it("gives a reviewer the scorecard and the decision read only: no notes box, no decision control", async () => {
    const calls = serve(routes("reviewer"));
    renderUi(<InterviewPage id="abc" onAuthLost={() => {}} />);
    const summary = await screen.findByTestId("decision-summary", {}, { timeout: 5000 });
    expect(within(summary).getByTestId("decision").textContent).toMatch(/^Décision : Poursuivre le processus — Dernière décision : alice, /);
    expect(screen.getByTestId("scorecard")).toBeTruthy();
    expect(screen.getByTestId("team-hidden")).toBeTruthy();
    expect(screen.queryByTestId("assessment")).toBeNull();
    expect(screen.queryByLabelText("Appréciation")).toBeNull();
    expect(screen.queryByRole("group", { name: "Décision" })).toBeNull();
    expect(screen.queryByRole("radio", { name: "Poursuivre le processus" })).toBeNull();
    expect(screen.queryByText("première impression")).toBeNull();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });

  it("gives a recruiter the notes, the decision, who wrote and decided, and the notes' history", async () => {
    serve({ ...routes("recruiter"), "PATCH /api/interviews/abc/assessment/": () => [200, { assessment: "x", decision: "hold", decided_by: "rh", decided_at: "2026-11-28T10:00:00Z" }] });
    renderUi(<InterviewPage id="abc" onAuthLost={() => {}} />, "en");
    const form = await screen.findByTestId("assessment", {}, { timeout: 5000 });
    expect((within(form).getByLabelText("Assessment") as HTMLTextAreaElement).value).toBe("alice : solide");
    expect(within(form).getByRole("group", { name: "Decision" })).toBeTruthy();
    expect(within(form).getByTestId("assessment-by").textContent).toMatch(/^Assessment written by alice on /);
    expect(within(form).getByTestId("decided-by").textContent).toMatch(/^Last decision: alice, /);
    await userEvent.click(within(form).getByText("Earlier versions of the assessment (1)"));
    expect(within(form).getByText("première impression")).toBeTruthy();
    expect(screen.queryByTestId("decision-summary")).toBeNull();
  });
});

describe("the position's rating settings", () => {
  it("sends the scale, its anchors within it, independent ratings and the deadline; refuses a scale that is not one", () => {
    const d = draftOf(null, "o1");
    expect([d.scale_min, d.scale_max, d.independent_ratings, d.review_deadline]).toEqual(["1", "5", true, ""]);
    const ok = { ...d, title: "T", questions: [{ text: "Q", weight: "1" }], scale_min: "0", scale_max: "4", anchors: { "0": " rien ", "4": "tout", "5": "hors échelle", "2": " " }, review_deadline: "2026-12-01T18:00" };
    const { fields, problem } = fieldsFromDraft(ok, true);
    expect(problem).toBeNull();
    expect(fields.rating_scale).toEqual({ min: 0, max: 4, anchors: { "0": "rien", "4": "tout" } });
    expect(fields.independent_ratings).toBe(true);
    expect(fields.review_deadline).toBe(new Date(2026, 11, 1, 18, 0).toISOString());
    expect(fieldsFromDraft({ ...ok, review_deadline: "" }, true).fields.review_deadline).toBeNull();
    expect(fieldsFromDraft({ ...ok, scale_min: "3", scale_max: "3" }, true).problem).toEqual({ key: "pos.err.scale" });
    expect(fieldsFromDraft({ ...ok, scale_min: "1", scale_max: "12" }, true).problem).toEqual({ key: "pos.err.scale" });
    expect(fieldsFromDraft({ ...ok, scale_min: "1.5" }, true).problem).toEqual({ key: "pos.err.scale" });
    expect(fieldsFromDraft({ ...ok, review_deadline: "demain" }, true).problem).toEqual({ key: "pos.err.deadline" });
  });
});

describe("the position's rating settings on the page", () => {
  const position: Position = {
    id: "p1",
    organisation: "o1",
    title: "Data analyst",
    language: "fr",
    description: "",
    questions: [{ text: "Présentez-vous.", weight: 1 }],
    weights: "verbal=40,paraverbal=20,nonverbal=40",
    retention_days: 180,
    mode: "recruitment",
    think_time_sec: 30,
    answer_time_sec: 120,
    takes: 1,
    practice_question: "",
    reviewers: [],
    role: "recruiter",
    interview_count: 0,
    rubrics: [],
    created_at: "2026-11-24T10:00:00Z",
    updated_at: "2026-11-25T10:00:00Z",
    rating_scale: { min: 1, max: 5, anchors: { "1": "Aucun exemple" } },
    independent_ratings: true,
    review_deadline: null,
  };

  it("shows the scale and its anchors, and edits them with the independence and the deadline", async () => {
    const calls = serve({
      "GET /api/positions/p1/": () => [200, position],
      "PATCH /api/positions/p1/": (b) => [200, { ...position, ...(b as object) }],
    });
    renderUi(<PositionPage id="p1" onAuthLost={() => {}} />);
    const facts = await screen.findByTestId("rating-facts");
    expect(facts.textContent).toBe("de 1 à 5 ; notes indépendantes1 — Aucun exemple");
    await userEvent.click(screen.getByRole("button", { name: "Modifier le poste" }));
    const settings = within(screen.getByTestId("rating-settings"));
    await userEvent.clear(settings.getByLabelText("Note la plus haute"));
    await userEvent.type(settings.getByLabelText("Note la plus haute"), "4");
    expect(settings.getAllByLabelText(/^Repère de la note/)).toHaveLength(4);
    await userEvent.type(settings.getByLabelText("Repère de la note 4"), "Exemple chiffré");
    await userEvent.click(settings.getByLabelText(/^Notes indépendantes/));
    fireEvent.change(settings.getByLabelText("Date limite des évaluations (facultative)"), { target: { value: "2026-12-01T18:00" } });
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le poste" }));
    await screen.findByText("Poste enregistré.");
    expect(calls.find((c) => c.method === "PATCH")!.body).toMatchObject({
      rating_scale: { min: 1, max: 4, anchors: { "1": "Aucun exemple", "4": "Exemple chiffré" } },
      independent_ratings: false,
      review_deadline: new Date(2026, 11, 1, 18, 0).toISOString(),
    });
    expect(screen.getByTestId("rating-facts").textContent).toMatch(/^de 1 à 4 ; notes visibles de tous dès leur soumission ; date limite : /);
  });
});
