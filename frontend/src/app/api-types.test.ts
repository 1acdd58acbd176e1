// The API types are the server's: the committed api.generated.ts is what docs/openapi.json (the schema the
// web app serves, checked by tests/web/test_openapi_schema.py) gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED, SCHEMA, apiTypes } from "../../scripts/api-types.mjs";

const schemaText = readFileSync(SCHEMA, "utf8");

describe("API types generated from docs/openapi.json", () => {
  it("api.generated.ts is exactly what the schema gives", async () => {
    const expected = await apiTypes(schemaText);
    const committed = readFileSync(GENERATED, "utf8");
    expect(committed === expected, "api.generated.ts differs from docs/openapi.json: run npm run types:api").toBe(true);
  });

  it("a field added to the schema changes the generated types", async () => {
    const changed = JSON.parse(schemaText);
    changed.components.schemas.Config.properties.max_questions = { type: "integer" };
    const source = await apiTypes(JSON.stringify(changed));
    expect(source).toContain("max_questions?: number;");
    expect(source).not.toBe(readFileSync(GENERATED, "utf8"));
  });
});
