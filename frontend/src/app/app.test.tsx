import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderUi } from "../test/render";
import { apiConfig, apiInterview } from "../test/server";
import { StatusCell } from "./Status";
import { Uploader } from "./Uploader";

const base = apiInterview({ id: "1", candidate_name: "Claire", language: "auto", duration_sec: 10 });

describe("StatusCell", () => {
  it("shows live progress and the stage while running", () => {
    renderUi(<StatusCell interview={{ ...base, status: "RUNNING", job_active: true, progress: { stage: "transcribe", percent: 42.4 } }} />);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("42");
    expect(screen.getByText(/42 % · Étape : transcription/)).toBeTruthy();
  });

  it("says why an analysis failed", () => {
    renderUi(<StatusCell interview={{ ...base, status: "ERROR", error: "the video has no audio track" }} />, "en");
    expect(screen.getByText("Failed")).toBeTruthy();
    expect(screen.getByText("Reason: the video has no audio track")).toBeTruthy();
  });

  it("tells a queued job from an upload not yet analysed", () => {
    renderUi(<StatusCell interview={{ ...base, job_active: true }} />);
    expect(screen.getByText("En file d'attente")).toBeTruthy();
  });
});

describe("Uploader checks before sending", () => {
  const config = apiConfig({ upload_max_mb: 1, max_video_sec: 600 });
  afterEach(() => vi.restoreAllMocks());

  it("refuses a file that is not a video, or too large, without any request", async () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, "send");
    renderUi(<Uploader config={config} onUploaded={() => {}} />);
    const input = screen.getByLabelText("choisissez un fichier") as HTMLInputElement;
    await userEvent.upload(input, new File(["%PDF"], "cv.pdf", { type: "application/pdf" }), { applyAccept: false });
    expect(screen.getByRole("alert").textContent).toBe("« cv.pdf » n'est pas une vidéo prise en charge (MP4, MOV, WebM, MKV, AVI).");
    await userEvent.upload(input, new File([new Uint8Array(1024 * 1024 + 10)], "big.mp4", { type: "video/mp4" }));
    expect(screen.getByRole("alert").textContent).toMatch(/« big\.mp4 » pèse 1 Mo : la limite est 1 Mo\./);
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(screen.getByRole("alert").textContent).toBe("Choisissez d'abord une vidéo.");
    expect(send).not.toHaveBeenCalled();
  });

  it("requires the candidate's name and consent", async () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, "send");
    renderUi(<Uploader config={config} onUploaded={() => {}} />);
    await userEvent.upload(screen.getByLabelText("choisissez un fichier"), new File(["x"], "clip.webm", { type: "video/webm" }));
    expect(screen.getByText(/Fichier choisi : clip\.webm/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(screen.getByRole("alert").textContent).toBe("Indiquez le nom du candidat ou de la candidate.");
    await userEvent.type(screen.getByLabelText("Nom du candidat ou de la candidate"), "Claire Martin");
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(screen.getByRole("alert").textContent).toBe("Le consentement du candidat ou de la candidate est requis.");
    expect(send).not.toHaveBeenCalled();
    const mode = screen.getByLabelText("Mode") as HTMLSelectElement;
    expect(mode.value).toBe("recruitment");
    expect(within(mode).getAllByRole("option")).toHaveLength(2);
  });

  it("shows the consent text and retention of the server, and sends consent with its version", async () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, "send").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "open").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "setRequestHeader").mockImplementation(() => {});
    const withConsent = { ...config, consent_required: true, consent_text: "I agree that my interview is analysed.", consent_version: "3", retention_days: 90 };
    renderUi(<Uploader config={withConsent} onUploaded={() => {}} />);
    const details = screen.getByText("Texte accepté par le candidat ou la candidate (version 3)").closest("details")!;
    expect(within(details).getByText("I agree that my interview is analysed.")).toBeTruthy();
    expect(within(details).getByText("Les vidéos et analyses sont supprimées automatiquement 90 jours après le dépôt.")).toBeTruthy();
    await userEvent.upload(screen.getByLabelText("choisissez un fichier"), new File(["x"], "clip.mp4", { type: "video/mp4" }));
    await userEvent.type(screen.getByLabelText("Nom du candidat ou de la candidate"), "Claire Martin");
    await userEvent.click(screen.getByLabelText(/a consenti/));
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(send).toHaveBeenCalledTimes(1);
    const form = send.mock.calls[0][0] as FormData;
    expect([form.get("consent"), form.get("consent_version"), form.get("candidate_name")]).toEqual(["true", "3", "Claire Martin"]);
  });

  it("shows the consent text in the candidate's language (the interview's by default) and sends that language", async () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, "send").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "open").mockImplementation(() => {});
    vi.spyOn(XMLHttpRequest.prototype, "setRequestHeader").mockImplementation(() => {});
    const texts = { fr: "J'accepte que mon entretien soit analysé.", en: "I agree that my interview is analysed." };
    renderUi(<Uploader config={{ ...config, consent_text: texts.en, consent_texts: texts, consent_version: "2" }} onUploaded={() => {}} />);
    // French interface, language "auto": the candidate's language follows the interface
    expect(screen.getByTestId("consent-text").textContent).toBe(texts.fr);
    await userEvent.selectOptions(screen.getByLabelText("Langue de l'entretien"), "en");
    expect(screen.getByTestId("consent-text").textContent).toBe(texts.en);
    expect(screen.getByTestId("consent-text").getAttribute("lang")).toBe("en");
    await userEvent.selectOptions(screen.getByLabelText("Langue du texte de consentement lu par le candidat ou la candidate"), "fr");
    expect(screen.getByTestId("consent-text").textContent).toBe(texts.fr);
    await userEvent.upload(screen.getByLabelText("choisissez un fichier"), new File(["x"], "clip.mp4", { type: "video/mp4" }));
    await userEvent.type(screen.getByLabelText("Nom du candidat ou de la candidate"), "Claire Martin");
    await userEvent.click(screen.getByLabelText(/a consenti/));
    await userEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    const form = send.mock.calls[0][0] as FormData;
    expect([form.get("language"), form.get("consent_language")]).toEqual(["en", "fr"]);
  });
});
