// The report types are the schema's: the committed report.generated.ts is what report.schema.json gives, and
// the sample report the component tests use declares no key the schema does not.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED, SCHEMA, reportTypes } from "../../scripts/report-types.mjs";
import sample from "../fixtures/sample-report.json";

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
};

const schemaText = readFileSync(SCHEMA, "utf8");
const schema = JSON.parse(schemaText) as SchemaNode;
const defs = schema.$defs ?? {};

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? resolve(defs[node.$ref.replace("#/$defs/", "")] ?? {}) : node;
}

/** Paths of the keys of `value` that `node` does not declare (an open map declares any key). */
function undeclared(value: unknown, node: SchemaNode, path: string): string[] {
  const n = resolve(node);
  if (n.anyOf) {
    const tries = n.anyOf.filter((b) => resolve(b).properties || resolve(b).items || resolve(b).additionalProperties);
    return tries.length ? tries.map((b) => undeclared(value, b, path)).reduce((x, y) => (x.length <= y.length ? x : y)) : [];
  }
  if (Array.isArray(value)) return n.items ? value.flatMap((v, i) => undeclared(v, n.items!, `${path}[${i}]`)) : [];
  if (value === null || typeof value !== "object") return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const child = n.properties?.[k] ?? (typeof n.additionalProperties === "object" ? n.additionalProperties : undefined);
    if (child) out.push(...undeclared(v, child, `${path}.${k}`));
    else if (n.properties) out.push(`${path}.${k}`);
  }
  return out;
}

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

  it("every key of the sample report is declared by the schema (no component reads an undeclared key)", () => {
    expect(undeclared(sample, schema, "report")).toEqual([]);
  });

  it("the check finds a key the schema does not declare", () => {
    const changed = { ...sample, nonverbal: { ...sample.nonverbal, gaze_shift_rate: 2 } };
    expect(undeclared(changed, schema, "report")).toEqual(["report.nonverbal.gaze_shift_rate"]);
  });
});
