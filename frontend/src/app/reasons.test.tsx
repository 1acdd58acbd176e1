import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../test/render";
import { apiInterview } from "../test/server";
import { ApiError, type Interview } from "./api";
import { apiErrorText, failureText } from "./reasons";
import { StatusCell } from "./Status";

const failed = (over: Partial<Interview>): Interview =>
  apiInterview({ id: "x", candidate_name: "Emma", status: "ERROR", duration_sec: null, created_at: "2026-12-02T10:00:00Z", ...over });

describe("failure reasons", () => {
  it("translate the API's code with its params, else fall back to the server's sentence", () => {
    expect(failureText("fr", "time_limit", { seconds: 900 }, "the analysis took longer…")).toBe(
      "L'analyse a dépassé la durée maximale (900 s) et a été arrêtée.",
    );
    expect(failureText("fr", "something_new", {}, "an English reason")).toBe("L'analyse a échoué.");
    expect(failureText("en", "", {}, "an English reason")).toBe("an English reason");
  });

  it("show a failed interview's reason in French, never the server's English", () => {
    renderUi(<StatusCell interview={failed({ error: "the video file is truncated or corrupt", error_code: "video_truncated" })} />);
    const s = screen.getByTestId("status");
    expect(s.textContent).toBe("ÉchecRaison : La vidéo est tronquée ou endommagée.");
  });

  it("turn a refused upload into words in the reader's language", () => {
    const refused = new ApiError(400, "video: not a readable video file", { video: ["not a readable video file"], error_code: "not_a_video", error_params: {} });
    expect(apiErrorText("fr", refused)).toBe("Le fichier n'est pas une vidéo lisible.");
    const big = new ApiError(413, "too large", { detail: "too large", error_code: "file_too_large", error_params: { max_mb: 1024 } });
    expect(apiErrorText("fr", big).replace(/[\u00a0\u202f]/g, " ")).toBe("Le fichier dépasse la limite de dépôt (1 024 Mo).");
    expect(apiErrorText("en", big)).toBe("The file is larger than the upload limit (1,024 MB).");
    expect(apiErrorText("fr", new ApiError(0, "network"))).toMatch(/^Le serveur est injoignable/);
    expect(apiErrorText("fr", new ApiError(502, "HTTP 502"))).toMatch(/^Le serveur a rencontré une erreur/);
  });
});
