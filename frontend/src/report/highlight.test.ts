import { describe, expect, it } from "vitest";
import { keywordIndices, normToken, sameToken, spaceBetween, splitWords } from "./highlight";

describe("transcript highlighting", () => {
  it("normalises tokens: case and surrounding punctuation", () => {
    expect(normToken("Équipe,")).toBe("équipe");
    expect(normToken("«déléguer»")).toBe("déléguer");
    expect(normToken("l'équipe.")).toBe("l'équipe");
  });

  it("matches elided French words", () => {
    expect(sameToken("l'équipe", "équipe")).toBe(true);
    expect(sameToken("d’équipe", "équipe")).toBe(true);
    expect(sameToken("équipes", "équipe")).toBe(false);
  });

  it("marks single and multi-word keywords, and only whole runs", () => {
    const tokens = "Le temps de réponse et le temps libre de l'équipe.".split(" ");
    const hits = keywordIndices(tokens, ["temps de réponse", "équipe"]);
    expect([...hits].sort((a, b) => a - b)).toEqual([1, 2, 3, 9]);
  });

  it("splits text into words and separators that join back to the text", () => {
    const text = "  Bonjour,  je suis\nlà. ";
    const parts = splitWords(text);
    expect(parts.map((p) => p.token).join("")).toBe(text);
    expect(parts.filter((p) => p.isWord).map((p) => p.token)).toEqual(["Bonjour,", "je", "suis", "là."]);
  });

  it("joins ASR word tokens without spaces before elided parts and punctuation", () => {
    const tokens = ["Bonjour,", "je", "m", "'appelle", "Claire", ",", "j’", "aime", "l'équipe", "!"];
    const text = tokens.reduce((acc, w, i) => acc + (i > 0 && spaceBetween(tokens[i - 1], w) ? " " : "") + w, "");
    expect(text).toBe("Bonjour, je m'appelle Claire, j’aime l'équipe !");
  });
});
