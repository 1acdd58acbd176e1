import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recruitmentReport, renderUi, sampleReport } from "../test/render";
import { ReportView } from "./ReportView";

/** Text with the locale's (narrow) no-break spaces as plain spaces. */
const plain = (el: Element | null) => (el?.textContent ?? "").replace(/[\u00a0\u202f]/g, " ");
/** Queries inside the element of a test id. */
const inside = (testId: string) => within(screen.getByTestId(testId));

describe("blink rate and smile share (coaching mode)", () => {
  it("shows both measured values in the expression panel, in French, as facts outside any score", () => {
    renderUi(<ReportView report={sampleReport()} />);
    const panel = screen.getByTestId("emotion-panel");
    const facts = within(panel).getByTestId("expression-facts");
    expect(within(facts).getByText("Clignements et sourires")).toBeTruthy();
    expect(within(facts).getByText("Mesures pour l'entraînement seulement : elles ne comptent dans aucun score."))
      .toBeTruthy();
    const blink = within(facts).getByTestId("blink-rate");
    expect(within(blink).getByText("Fréquence des clignements")).toBeTruthy();
    expect(plain(blink)).toContain("14,3 clignements par minute de visage visible");
    expect(plain(blink)).toContain("11 clignement(s) repéré(s)");
    const smile = within(facts).getByTestId("smile-share");
    expect(within(smile).getByText("Part du temps avec un sourire")).toBeTruthy();
    expect(plain(smile)).toContain("18 % du temps où le visage est visible");
    expect(plain(facts)).not.toMatch(/Non mesuré|14\.3|0,18/);
    // the expressions over time are still there, above the facts
    expect(within(panel).getByTestId("emotion-timeline")).toBeTruthy();
  });

  it("writes them in English", () => {
    renderUi(<ReportView report={sampleReport()} />, "en");
    const facts = screen.getByTestId("expression-facts");
    expect(within(facts).getByText("Measured for practice only: not part of any score.")).toBeTruthy();
    expect(plain(within(facts).getByTestId("blink-rate"))).toContain("Blink rate14.3");
    expect(within(facts).getByText("14.3 blinks per minute of visible face")).toBeTruthy();
    expect(within(facts).getByText("11 blink(s) detected")).toBeTruthy();
    expect(plain(within(facts).getByTestId("smile-share"))).toContain("18% of the time the face is visible");
  });

  it("says why a null value was not measured, in both languages", () => {
    const r = sampleReport();
    Object.assign(r.nonverbal!, { blink_rate_per_min: null, blinks: null, blink_times: [], smile_share: null });
    const { unmount } = renderUi(<ReportView report={r} />);
    let blink = screen.getByTestId("blink-rate");
    const why = "Non mesuré : il faut au moins 12 images de repères du visage par seconde et 10 s de visage visible.";
    expect(within(blink).getByText(why)).toBeTruthy();
    expect(plain(blink)).not.toMatch(/\d+ clignement|par minute de visage/);
    expect(inside("smile-share").getByText("Non mesuré : aucune image où le visage est visible.")).toBeTruthy();
    unmount();
    renderUi(<ReportView report={r} />, "en");
    blink = screen.getByTestId("blink-rate");
    expect(within(blink).getByText(
      "Not measured: needs at least 12 face-landmark frames per second and 10 s of visible face.")).toBeTruthy();
    expect(inside("smile-share").getByText("Not measured: no frame with a visible face.")).toBeTruthy();
  });

  it("shows a measured blink rate beside a smile share that was not measured", () => {
    const r = sampleReport();
    r.nonverbal!.smile_share = null;
    renderUi(<ReportView report={r} />, "en");
    expect(within(screen.getByTestId("blink-rate")).getByText("14.3 blinks per minute of visible face")).toBeTruthy();
    expect(inside("smile-share").getByText("Not measured: no frame with a visible face.")).toBeTruthy();
  });

  it("keeps the panel for them when no expression was inferred", () => {
    const r = sampleReport();
    r.nonverbal!.emotions = null;
    renderUi(<ReportView report={r} />);
    const panel = screen.getByTestId("emotion-panel");
    expect(within(panel).queryByTestId("emotion-timeline")).toBeNull();
    expect(plain(within(panel).getByTestId("blink-rate"))).toContain("14,3");
  });

  it("shows nothing for a report written before they were measured (keys absent)", () => {
    const r = sampleReport();
    for (const k of ["blink_rate_per_min", "blinks", "blink_times", "smile_share"]) delete r.nonverbal![k];
    renderUi(<ReportView report={r} />);
    expect(screen.getByTestId("emotion-panel")).toBeTruthy();
    expect(screen.queryByTestId("expression-facts")).toBeNull();
    expect(screen.queryByText(/Non mesuré : il faut/)).toBeNull();
  });
});

describe("blink rate and smile share (recruitment mode)", () => {
  it("are absent, as the pipeline writes them (null)", () => {
    const { container } = renderUi(<ReportView report={recruitmentReport()} />);
    expect(screen.queryByTestId("emotion-panel")).toBeNull();
    expect(screen.queryByTestId("expression-facts")).toBeNull();
    expect(plain(container)).not.toMatch(/clignement|sourire|Non mesuré : il faut/i);
  });

  it("are absent even if a recruitment report carried values", () => {
    const r = recruitmentReport();
    Object.assign(r.nonverbal!, { blink_rate_per_min: 14.3, blinks: 11, smile_share: 0.18 });
    const { container } = renderUi(<ReportView report={r} />, "en");
    expect(screen.queryByTestId("emotion-panel")).toBeNull();
    expect(plain(container)).not.toMatch(/blink|smil|14\.3/i);
  });
});
