import { describe, expect, it } from "vitest";
import { checkVideoFile } from "./validate";

const MB = 1024 * 1024;

describe("checkVideoFile", () => {
  it("accepts videos by MIME type or by extension", () => {
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 10 }, MB)).toBeNull();
    expect(checkVideoFile({ name: "b.MKV", type: "", size: 10 }, MB)).toBeNull();
    expect(checkVideoFile({ name: "noext", type: "video/webm", size: 10 }, MB)).toBeNull();
  });

  it("rejects other types, empty files and files over the limit", () => {
    expect(checkVideoFile({ name: "cv.pdf", type: "application/pdf", size: 10 }, MB)?.key).toBe("upload.errType");
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 0 }, MB)?.key).toBe("upload.errEmpty");
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: MB + 1 }, MB)).toEqual({
      key: "upload.errSize",
      vars: { name: "a.mp4", size: MB + 1, max: MB },
    });
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: MB }, MB)).toBeNull();
  });
});
