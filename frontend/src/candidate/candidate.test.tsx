/**
 * The candidate page without a browser's camera (jsdom): the link's token, the refusals in the candidate's
 * language with no data, the welcome and consent pages of a real session's shape, the words of both languages,
 * and the recruiter's settings of the one-way interview. Recording and uploading run in Chromium
 * (e2e/walk_candidate.mjs).
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ONE_WAY_MESSAGES } from "../app/oneway.messages";
import { draftOf, fieldsFromDraft } from "../app/Positions";
import type { Position } from "../app/positions";
import { deadlineOf, defaultDeadline } from "../app/invitations";
import { serve } from "../test/server";
import { tokenOf, type Session } from "./api";
import { CandidateApp } from "./CandidateApp";
import { CANDIDATE_MESSAGES, clock, durationWords } from "./messages";
import { deviceProblem, FORMATS } from "./recorder";

const TOKEN = "Q2hlY2stdGhpcy10b2tlbi1pcy1hdC1sZWFzdC00My1jaGFycw";
const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function session(extra: Partial<Session> = {}): Session {
  return {
    state: "opened",
    language: "fr",
    candidate_name: "Chloé Durand",
    deadline: "2027-01-15T22:59:00Z",
    position: { title: "Analyste de données", description: "Analyse des ventes.", organisation: "Acme" },
    consent: { text: "J'accepte que mon entretien soit analysé.", version: "1", given_at: null, retention_days: 30 },
    settings: { think_time_sec: 30, answer_time_sec: 120, takes: 2, practice_question: "", max_take_mb: 300 },
    questions: [
      { index: 1, text: "Présentez-vous.", status: "open", takes_used: 0, takes_left: 2, takes: [] },
      { index: 2, text: "Pourquoi ce poste ?", status: "open", takes_used: 0, takes_left: 2, takes: [] },
    ],
    next_question: 1,
    answered: 0,
    submitted_at: null,
    ...extra,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.lang = "";
});

describe("the candidate page", () => {
  it("reads the token from the link's fragment only", () => {
    expect(tokenOf(`#/invitation/${TOKEN}`)).toBe(TOKEN);
    expect(tokenOf(`#/invitation/${TOKEN}/`)).toBe(TOKEN);
    expect(tokenOf("#/invitation/short")).toBeNull();
    expect(tokenOf(`#/interviews/${TOKEN}`)).toBeNull();
    expect(tokenOf(`#/invitation/${TOKEN}?x=1`)).toBeNull();
  });

  it("says a link expired in the invitation's language and shows nothing else", async () => {
    const calls = serve({ "GET /api/candidate/session/": () => [410, { detail: "this link has expired", code: "expired", language: "en" }] });
    render(<CandidateApp token={TOKEN} />);
    expect(await screen.findByRole("heading", { name: "This link has expired" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(screen.queryByRole("navigation")).toBeNull(); // no steps, no job, no name
    expect(calls[0].path).toBe("/api/candidate/session/");
  });

  it("says a forged link does not work in the browser's language", async () => {
    serve({});
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-FR", "fr"]);
    render(<CandidateApp token={TOKEN} />);
    expect(await screen.findByRole("heading", { name: "Ce lien ne fonctionne pas" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("fr");
  });

  it("welcomes, explains and asks consent before anything is recorded; the token goes in a header", async () => {
    const seen: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(`${init?.method ?? "GET"} ${String(input)} ${(init?.headers as Record<string, string>)["X-Invitation-Token"]}`);
      const given = String(input).endsWith("/consent/");
      const body = session(given ? { state: "in_progress", consent: { ...session().consent, given_at: "2027-01-01T10:00:00Z" } } : {});
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }));
    render(<CandidateApp token={TOKEN} />);
    expect(await screen.findByRole("heading", { name: "Analyste de données" })).toBeTruthy();
    expect(screen.getByText("Bonjour Chloé Durand,")).toBeTruthy();
    expect(screen.getByText(/vous avez 30 s pour réfléchir/)).toBeTruthy();
    expect(screen.getByText(/jusqu'à 2 fois/)).toBeTruthy();
    expect(screen.getByText(/conservés 30 jours au plus/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Commencer" }));
    expect(screen.getByRole("heading", { name: "Votre consentement" })).toBe(document.activeElement);
    expect(screen.getByText("J'accepte que mon entretien soit analysé.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "J'accepte et je continue" }));
    expect(screen.getByRole("alert").textContent).toMatch(/^Cochez la case/);
    expect(seen.filter((s) => s.startsWith("POST"))).toEqual([]);
    await userEvent.click(screen.getByLabelText(/J'ai lu ce texte/));
    await userEvent.click(screen.getByRole("button", { name: "J'accepte et je continue" }));
    expect(await screen.findByRole("heading", { name: "Vérifiez votre caméra et votre micro" })).toBeTruthy();
    expect(seen).toEqual([`GET /api/candidate/session/ ${TOKEN}`, `POST /api/candidate/consent/ ${TOKEN}`]);
    // jsdom has no camera: the page says this browser cannot record, instead of failing
    expect(screen.getByTestId("device-problem").getAttribute("data-problem")).toBe("unsupported");
  });

  it("says a submitted interview is sent, and nothing else", async () => {
    serve({ "GET /api/candidate/session/": () => [200, session({ state: "submitted", submitted_at: "2027-01-02T10:00:00Z", next_question: null })] });
    render(<CandidateApp token={TOKEN} />);
    expect(await screen.findByRole("heading", { name: "Merci, vos réponses sont envoyées" })).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("has every word in French and English, with the same variables", () => {
    for (const catalogue of [CANDIDATE_MESSAGES, ONE_WAY_MESSAGES] as Record<string, Record<string, string>>[]) {
      expect(Object.keys(catalogue.fr).sort()).toEqual(Object.keys(catalogue.en).sort());
      for (const key of Object.keys(catalogue.fr)) {
        expect(catalogue.en[key].trim(), key).not.toBe("");
        expect(vars(catalogue.en[key]), key).toEqual(vars(catalogue.fr[key]));
      }
    }
  });

  it("words times, the recording formats and the device failures", () => {
    expect(durationWords("fr", 45)).toBe("45 s");
    expect(durationWords("en", 120)).toBe("2 min");
    expect(durationWords("fr", 90)).toBe("1 min 30 s");
    expect(clock(65.7)).toBe("1:05");
    expect(FORMATS[0]).toBe("video/webm;codecs=vp9,opus");
    expect(FORMATS.some((f) => f.startsWith("video/mp4"))).toBe(true); // Safari
    expect(deviceProblem({ name: "NotAllowedError" })).toBe("denied");
    expect(deviceProblem({ name: "NotFoundError" })).toBe("none");
    expect(deviceProblem({ name: "NotReadableError" })).toBe("busy");
    expect(deviceProblem(new Error("x"))).toBe("failed");
  });
});

describe("the recruiter's side of one-way interviews", () => {
  const position = {
    id: "p1", organisation: "o1", title: "T", language: "fr", description: "", questions: [{ text: "Q?", weight: 1 }],
    weights: "verbal=40,paraverbal=20,nonverbal=40", retention_days: 30, mode: "recruitment", think_time_sec: null,
    answer_time_sec: 90, takes: null, practice_question: "Essai ?", reviewers: [], role: "admin", interview_count: 0,
    rubrics: [], created_at: "2027-01-01T00:00:00Z", updated_at: "2027-01-01T00:00:00Z",
    rating_scale: { min: 1, max: 5, anchors: {} }, independent_ratings: true, review_deadline: null,
  } as Position;

  it("keeps unlimited think time and takes as null, the practice question trimmed", () => {
    const d = draftOf(position);
    expect([d.think_time, d.answer_time, d.takes]).toEqual(["unlimited", "90", "unlimited"]);
    const { fields, problem } = fieldsFromDraft({ ...d, practice_question: "  Essai ?  " }, false);
    expect(problem).toBeNull();
    expect(fields).toMatchObject({ think_time_sec: null, answer_time_sec: 90, takes: null, practice_question: "Essai ?" });
    expect(fieldsFromDraft({ ...d, think_time: "0", takes: "3" }, false).fields).toMatchObject({ think_time_sec: 0, takes: 3 });
  });

  it("makes the deadline the end of the chosen day", () => {
    expect(defaultDeadline(14, new Date(2027, 0, 1, 9, 0))).toBe("2027-01-15");
    const iso = deadlineOf("2027-01-15")!;
    const d = new Date(iso);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 0, 15, 23, 59]);
    expect(deadlineOf("15/01/2027")).toBeNull();
  });
});
