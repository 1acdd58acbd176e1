import { describe, expect, it } from "vitest";
import { cookie, errorMessage } from "./api";
import { parseRoute } from "./route";

describe("API helpers", () => {
  it("turns DRF error bodies into one sentence", () => {
    expect(errorMessage({ detail: "the analysis is running" }, "x")).toBe("the analysis is running");
    expect(errorMessage({ video: ["not a readable video file: bad"], candidate_name: ["required"] }, "x")).toBe(
      "video: not a readable video file: bad candidate_name: required",
    );
    expect(errorMessage({ non_field_errors: ["nope"] }, "x")).toBe("nope");
    expect(errorMessage(null, "HTTP 500")).toBe("HTTP 500");
    expect(errorMessage("<html>" + "x".repeat(400), "HTTP 502")).toBe("HTTP 502");
  });

  it("reads the CSRF cookie", () => {
    document.cookie = "other=1";
    document.cookie = "csrftoken=abc%3D123";
    expect(cookie("csrftoken")).toBe("abc=123");
    expect(cookie("missing")).toBe("");
  });

  it("parses hash routes", () => {
    expect(parseRoute("#/interviews/3f2a-11/")).toEqual({ name: "interview", id: "3f2a-11" });
    expect(parseRoute("#/")).toEqual({ name: "list" });
    expect(parseRoute("")).toEqual({ name: "list" });
    expect(parseRoute("#/interviews/../x")).toEqual({ name: "list" });
  });
});
