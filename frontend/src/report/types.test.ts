// The report types are the schema's: the committed report.generated.ts is what report.schema.json gives, and
// the few keys types.ts adds on top are ones the schema does not declare.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED, SCHEMA, reportTypes } from "../../scripts/report-types.mjs";
import type {
  NonverbalUndeclared,
  QuestionUndeclared,
  ReportUndeclared,
  RubricUndeclared,
  SpeechUndeclared,
  TextUndeclared,
} from "./types";

type SchemaNode = { properties?: Record<string, SchemaNode>; anyOf?: SchemaNode[]; $defs?: Record<string, SchemaNode> };

const schemaText = readFileSync(SCHEMA, "utf8");
const schema = JSON.parse(schemaText) as SchemaNode;
const defs = schema.$defs ?? {};

/** The property names a schema node declares (for `X | null`, those of the object branch). */
function declared(node: SchemaNode | undefined): string[] {
  if (!node) return [];
  return [...Object.keys(node.properties ?? {}), ...(node.anyOf ?? []).flatMap(declared)];
}

// Every key of each `*Undeclared` interface (the compiler holds these lists complete and exact).
const speech: Record<keyof SpeechUndeclared, true> = { pitch_variability_st: true };
const text: Record<keyof TextUndeclared, true> = { keywords: true };
const nonverbal: Record<keyof NonverbalUndeclared, true> = { face_detected_ratio: true, blinks: true };
const rubric: Record<keyof RubricUndeclared, true> = { criteria: true, score: true, definition: true };
const question: Record<keyof QuestionUndeclared, true> = {
  start: true, end: true, transcript: true, speech: true, nonverbal: true,
};
const report: Record<keyof ReportUndeclared, true> = { words: true, limits: true };

describe("report types generated from report.schema.json", () => {
  it("report.generated.ts is exactly what the schema gives", async () => {
    const expected = await reportTypes(schemaText);
    const committed = readFileSync(GENERATED, "utf8");
    expect(committed === expected, "report.generated.ts differs from report.schema.json: run npm run types").toBe(true);
  });

  it("a field added to the schema changes the generated types", async () => {
    const changed = JSON.parse(schemaText);
    changed.$defs.Nonverbal.properties.gaze_shift_rate = { type: "number", description: "look-aways per minute" };
    const source = await reportTypes(JSON.stringify(changed));
    expect(source).toContain("gaze_shift_rate?: number;");
    expect(source).not.toBe(readFileSync(GENERATED, "utf8"));
  });

  it("a schema that constrains nothing (pydantic's Any) is unknown, not an object", async () => {
    expect(await reportTypes(schemaText)).toMatch(/\n {2}value\?: unknown;\n/);
  });

  it.each([
    ["the report", report, declared(schema)],
    ["speech", speech, declared(defs.Speech)],
    ["text", text, declared(defs.Text)],
    ["nonverbal", nonverbal, declared(defs.Nonverbal)],
    ["a question", question, declared(defs.Question)],
    ["a question's rubric", rubric, declared(defs.Question?.properties?.rubric)],
  ])("types.ts adds to %s only keys the schema does not declare", (_, added, inSchema) => {
    const both = Object.keys(added).filter((k) => inSchema.includes(k));
    expect(both, "now declared in report.schema.json: remove them from types.ts").toEqual([]);
  });

  it("the check sees a key both added and declared", () => {
    expect(declared(defs.Nonverbal)).toContain("blink_rate_per_min");
    expect(declared(schema)).toContain("questions");
  });
});
