import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/i18n";
import { renderUi } from "../test/render";
import { doneInterview, serve } from "../test/server";
import { blurState, rubricItem, type Interview, type QuestionRubricRow, type RubricVersion } from "./api";
import { AuditPanel } from "./AuditLog";
import { PrivacyPanel } from "./Privacy";
import { criteriaFromDrafts, criterionId, RubricsPanel } from "./Rubrics";


const criteriaV1 = [
  { id: "background", name: "Parcours", description: "Résume son parcours.", weight: 0.5, examples: ["J'ai étudié…"] },
  { id: "relevance", name: "Pertinence", description: "Répond à la question posée.", weight: 0.5, keywords: ["poste"] },
];
const rubricDefinitionV1 = { version: 1, question: "Présentez-vous.", language: "fr", criteria: criteriaV1 };
/** A row of GET /api/interviews/:id/questions/ */
const questionRow: QuestionRubricRow = {
  index: 1,
  text: "Présentez-vous.",
  start: null,
  rubric: rubricDefinitionV1,
  rubric_version: 1,
  rubric_source: "generated",
  rubric_updated_at: "2026-11-25T10:00:00Z",
  rubric_updated_by: null,
};
const rubricV1: RubricVersion = { question_index: 1, question_text: "Présentez-vous.", version: 1, source: "generated", created_by: null, created_at: "2026-11-25T10:00:00Z", rubric: rubricDefinitionV1 };

const interview = doneInterview({
  consent: true,
  consent_at: "2026-11-25T10:00:00Z",
  expires_at: "2027-05-24T10:00:00Z",
  blur_status: "",
});

beforeEach(() => {
  document.cookie = "csrftoken=tok";
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("rubric drafts", () => {
  it("makes unique ASCII ids from names", () => {
    const taken = new Set(["clarte"]);
    expect(criterionId("Clarté", taken)).toBe("clarte_2");
    expect(criterionId("Esprit d'équipe !", taken)).toBe("esprit_d_equipe");
    expect(criterionId("???", taken)).toBe("criterion");
  });

  it("checks names, descriptions and weights; keeps ids and examples unless reworded", () => {
    const orig = rubricV1.rubric.criteria[0];
    const ok = criteriaFromDrafts([
      { id: "background", name: "Parcours", description: "Résume son parcours.", weight: "0,25", keywords: "", original: orig },
      { id: "", name: "Motivation", description: "Dit pourquoi ce poste.", weight: "1", keywords: "poste, entreprise" },
    ]);
    expect(ok.errors).toBeNull();
    expect(ok.global).toBeNull();
    expect(ok.criteria).toEqual([
      { id: "background", name: "Parcours", description: "Résume son parcours.", weight: 0.25, examples: ["J'ai étudié…"] },
      { id: "motivation", name: "Motivation", description: "Dit pourquoi ce poste.", weight: 1, keywords: ["poste", "entreprise"] },
    ]);
    const reworded = criteriaFromDrafts([{ id: "background", name: "Parcours", description: "Autre chose.", weight: "1", keywords: "", original: orig }]);
    expect(reworded.criteria[0].examples).toBeUndefined();
    const bad = criteriaFromDrafts([
      { id: "a", name: " ", description: "x", weight: "1", keywords: "" },
      { id: "b", name: "B", description: "", weight: "1", keywords: "" },
      { id: "c", name: "C", description: "c", weight: "-1", keywords: "" },
    ]);
    expect([...bad.errors!.entries()]).toEqual([
      [0, "name"],
      [1, "description"],
      [2, "weight"],
    ]);
    expect(criteriaFromDrafts([{ id: "a", name: "A", description: "a", weight: "0", keywords: "" }]).global).toBe("allZero");
    expect(criteriaFromDrafts([]).global).toBe("none");
  });
});

describe("API shapes", () => {
  it("reads rubric items and the blur state", () => {
    for (const body of [rubricV1, questionRow]) {
      const r = rubricItem(body);
      expect([r.question_index, r.question, r.version, r.source, r.created_at, r.rubric.criteria.length]).toEqual([1, "Présentez-vous.", 1, "generated", "2026-11-25T10:00:00Z", 2]);
    }
    expect(rubricItem({ ...questionRow, rubric: null, rubric_version: null }).version).toBe(0);
    expect(blurState({ ...interview, blur_status: "DONE", blurred_video_url: "/v.mp4" })).toMatchObject({ status: "DONE", url: "/v.mp4" });
    expect(blurState({ ...interview, blur_status: "ERROR", blur_error: "no video stream" })).toEqual({ status: "ERROR", error: "no video stream", url: null });
  });
});

describe("RubricsPanel", () => {
  it("shows each question's criteria and saves an edited rubric as a new version, then offers to analyse again", async () => {
    const calls = serve({
      "GET /api/interviews/abc/questions/": () => [200, [questionRow, { ...questionRow, index: 2, text: "Pourquoi ce poste ?", rubric: null, rubric_version: null, rubric_source: null }]],
      "GET /api/interviews/abc/questions/1/rubric/versions/": () => [
        200,
        [
          { ...rubricV1, version: 2, source: "edited", created_by: "recruteuse", rubric: { criteria: [{ id: "x", name: "Parcours", description: "d", weight: 2 }] } },
          rubricV1,
        ],
      ],
      "PUT /api/interviews/abc/questions/1/rubric/": (body) => [
        201,
        { ...rubricV1, version: 2, source: "edited", created_by: "recruteuse", rubric: (body as { rubric: object }).rubric },
      ],
    });
    const onAnalyse = vi.fn(async () => {});
    renderUi(<RubricsPanel interviewId="abc" canAnalyse onAnalyse={onAnalyse} />);
    const [item, second] = await screen.findAllByTestId("rubric");
    expect(within(item).getByRole("heading", { name: "Question 1 — Présentez-vous." })).toBeTruthy();
    expect(within(item).getByTestId("rubric-version").textContent).toMatch(/^Version 1 · générée à partir de la question · /);
    expect(within(second).getByTestId("rubric-version").textContent).toBe("Pas encore de grille : elle sera générée à l'analyse, ou créez-la.");
    expect(within(second).queryByRole("table")).toBeNull();
    const rows = within(item).getAllByRole("row").slice(1);
    expect(rows.map((r) => (r.textContent ?? "").replace(/[\u00a0\u202f]/g, " "))).toEqual([
      "ParcoursRésume son parcours.0,5 (50 %)",
      "PertinenceRépond à la question posée.mots-clés reconnus (toutes langues) : poste0,5 (50 %)",
    ]);

    await userEvent.click(within(item).getByRole("button", { name: "Modifier la grille" }));
    const form = within(item).getByTestId("rubric-form");
    // reweight the first, remove the second, add a new one with keywords
    const weight1 = within(form).getAllByLabelText("Poids")[0];
    await userEvent.clear(weight1);
    await userEvent.type(weight1, "2");
    await userEvent.click(within(form).getByRole("button", { name: "Supprimer le critère « Pertinence »" }));
    expect(document.activeElement).toBe(within(form).getByRole("button", { name: "+ Ajouter un critère" })); // the last one removed
    await userEvent.click(within(form).getByRole("button", { name: "+ Ajouter un critère" }));
    const names = within(form).getAllByLabelText("Nom");
    expect(document.activeElement).toBe(names[1]); // focus moves to the new criterion
    await userEvent.click(within(form).getByRole("button", { name: "Enregistrer (nouvelle version)" }));
    expect(within(form).getByText("Corrigez les critères signalés.")).toBeTruthy();
    expect(within(form).getByText("Donnez un nom au critère.")).toBeTruthy();
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
    await userEvent.type(names[1], "Esprit d'équipe");
    await userEvent.type(within(form).getAllByLabelText("Description")[1], "Parle de travail en équipe.");
    await userEvent.type(within(form).getAllByLabelText(/Mots-clés/)[1], "équipe, ensemble");
    await userEvent.click(within(form).getByRole("button", { name: "Enregistrer (nouvelle version)" }));

    await within(item).findByText("Enregistrée : version 2.");
    expect(document.activeElement).toBe(within(item).getByRole("button", { name: "Modifier la grille" }));
    const put = calls.find((c) => c.method === "PUT")!;
    expect((put.body as { rubric: { criteria: unknown[]; language: string } }).rubric).toEqual({
      version: 1,
      question: "Présentez-vous.",
      language: "fr",
      criteria: [
        { id: "background", name: "Parcours", description: "Résume son parcours.", weight: 2, examples: ["J'ai étudié…"] },
        { id: "esprit_d_equipe", name: "Esprit d'équipe", description: "Parle de travail en équipe.", weight: 1, keywords: ["équipe", "ensemble"] },
      ],
    });
    expect(within(item).getByTestId("rubric-version").textContent).toMatch(/^Version 2 · modifiée · par recruteuse, /);
    expect(within(item).getAllByRole("row").slice(1).map((r) => r.querySelector("th")!.textContent)).toEqual(["Parcours", "Esprit d'équipe"]);
    await userEvent.click(within(item).getByText("Versions précédentes"));
    const versions = await within(item).findAllByText(/^Version \d/, { selector: "li" });
    expect(versions.map((v) => v.textContent)).toEqual([
      expect.stringMatching(/^Version 2 · par recruteuse, .* — Parcours \(2\)$/),
      expect.stringMatching(/^Version 1 · .* — Parcours \(0,5\), Pertinence \(0,5\)$/),
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Analyser à nouveau" }));
    expect(onAnalyse).toHaveBeenCalledTimes(1);
  });

  it("is hidden when the server has no rubrics API", async () => {
    serve({});
    const { container } = renderUi(<RubricsPanel interviewId="abc" canAnalyse onAnalyse={async () => {}} />);
    await waitFor(() => expect((fetch as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(1));
    await act(async () => {});
    expect(container.textContent).toBe("");
  });
});

describe("PrivacyPanel", () => {
  it("shows consent and retention, exports, blurs, and deletes after confirmation", async () => {
    const calls = serve({
      "POST /api/interviews/abc/blur/": () => [202, { ...interview, blur_status: "PENDING" }],
      "DELETE /api/interviews/abc/": () => [204, null],
    });
    const onChanged = vi.fn();
    const onDeleted = vi.fn();
    const { rerender } = renderUi(<PrivacyPanel interview={interview} onChanged={onChanged} onDeleted={onDeleted} />);
    expect(screen.getByTestId("consent").textContent).toMatch(/^recueilli le /);
    expect(screen.getByTestId("retention").textContent).toBe("vidéo et analyses supprimées automatiquement le 24 mai 2027");
    const exp = screen.getByRole("link", { name: "Exporter les données du candidat (RGPD)" });
    expect(exp.getAttribute("href")).toBe("/api/interviews/abc/export/");
    expect(exp.hasAttribute("download")).toBe(true);

    await userEvent.click(screen.getByRole("button", { name: "Flouter les visages" }));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /api/interviews/abc/blur/"]);
    expect(onChanged).toHaveBeenCalled();
    const withProvider = (iv: Interview) => (
      <I18nProvider>
        <PrivacyPanel interview={iv} onChanged={onChanged} onDeleted={onDeleted} />
      </I18nProvider>
    );
    rerender(withProvider({ ...interview, blur_status: "RUNNING" }));
    expect(screen.getByTestId("blur-status").textContent).toBe("Floutage en cours…");
    expect((screen.getByRole("button", { name: "Flouter les visages" }) as HTMLButtonElement).disabled).toBe(true);
    rerender(withProvider({ ...interview, blur_status: "DONE", blurred_video_url: "/api/interviews/abc/blurred-video/" }));
    expect(screen.getByTestId("blur-status").textContent).toBe("Vidéo floutée prête.");
    expect((screen.getByTestId("blurred-video") as HTMLVideoElement).getAttribute("src")).toBe("/api/interviews/abc/blurred-video/");
    expect(screen.getByRole("link", { name: "Télécharger la vidéo floutée" }).getAttribute("href")).toBe("/api/interviews/abc/blurred-video/");
    rerender(withProvider({ ...interview, blur_status: "ERROR", blur_error: "no face found" }));
    expect(screen.getByTestId("blur-status").textContent).toBe("Le floutage a échoué — no face found");

    await userEvent.click(screen.getByRole("button", { name: "Tout supprimer" }));
    expect(screen.getByText("Supprimer définitivement l'entretien de Claire Martin (vidéo et analyse) ?")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Annuler" }));
    await userEvent.click(screen.getByRole("button", { name: "Annuler" }));
    expect(onDeleted).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Tout supprimer" }));
    await userEvent.click(screen.getByRole("button", { name: "Oui, supprimer" }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(calls.at(-1)).toMatchObject({ method: "DELETE", path: "/api/interviews/abc/" });
  });

  it("says when no consent was recorded, in English too", () => {
    renderUi(<PrivacyPanel interview={{ ...interview, consent: false, consent_at: null, expires_at: null }} onChanged={() => {}} onDeleted={() => {}} />, "en");
    expect(screen.getByTestId("consent").textContent).toBe("not recorded");
    expect(screen.queryByTestId("retention")).toBeNull();
    expect(screen.getByRole("button", { name: "Blur faces" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Export candidate data (GDPR)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Delete everything" })).toBeTruthy();
  });
});

describe("AuditPanel", () => {
  it("lists who did what when it is opened", async () => {
    serve({
      "GET /api/interviews/abc/audit/": () => [
        200,
        [
          { id: 3, created_at: "2026-11-25T10:05:00Z", actor: "recruteuse", action: "edit_rubric", details: { question_index: 1, version: 2 } },
          { id: 2, created_at: "2026-11-25T10:01:00Z", actor: "recruteuse", action: "view_video", details: { blurred: true } },
          { id: 1, created_at: "2026-11-25T10:00:00Z", actor: "", action: "expire", details: {} },
        ],
      ],
    });
    renderUi(<AuditPanel interviewId="abc" />);
    const panel = screen.getByTestId("audit");
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(within(panel).getByText("Journal d'accès"));
    (panel as HTMLDetailsElement).open = true;
    fireEvent(panel, new Event("toggle"));
    const rows = await within(panel).findAllByTestId("audit-row");
    expect(rows.map((r) => r.querySelectorAll("td")[1].textContent)).toEqual(["recruteuse", "recruteuse", "système"]);
    expect(rows[0].querySelectorAll("td")[2].textContent).toBe("a modifié une grille d'évaluationquestion 1 · version 2");
    expect(rows[1].querySelectorAll("td")[2].textContent).toBe("a regardé la vidéovidéo floutée : oui");
  });
});
