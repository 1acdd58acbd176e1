import { describe, expect, it } from "vitest";
import { bytes, clock, duration, num, pct } from "./format";

describe("formatting", () => {
  it("writes times as m:ss and h:mm:ss", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(4.99)).toBe("0:04");
    expect(clock(75)).toBe("1:15");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(null)).toBe("–");
    expect(clock(-1)).toBe("–");
  });

  it("uses the decimal separator of the language", () => {
    expect(num(29.44, "fr")).toBe("29,4");
    expect(num(29.44, "en")).toBe("29.4");
    expect(pct(0.724, "en")).toBe("72%");
    expect(pct(0.724, "fr").replace(/\s/g, " ")).toBe("72 %");
  });

  it("writes durations and sizes", () => {
    expect(duration(47.6, "fr")).toBe("47,6 s");
    expect(duration(125, "en")).toBe("2 min 05 s");
    expect(bytes(1536, "en")).toBe("1.5 KB");
    expect(bytes(3 * 1024 * 1024 * 1024, "fr")).toBe("3 Go");
  });
});
