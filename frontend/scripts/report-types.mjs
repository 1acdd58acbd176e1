// The front end's report types, generated from the report's JSON Schema (interview_ai_lab/data/report.schema.json,
// itself generated from the pydantic model) with json-schema-to-typescript:
//   npm run types            writes src/report/report.generated.ts
//   npm run types -- --check fails (exit 1) when the committed file is not what the schema gives
// src/report/types.test.ts makes the same comparison in `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

// (not `new URL("..", import.meta.url)`: the tests run this module under jsdom, whose URL node:url refuses)
export const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA = join(FRONTEND, "..", "interview_ai_lab", "data", "report.schema.json");
export const GENERATED = join(FRONTEND, "src", "report", "report.generated.ts");

const BANNER = `/**
 * GENERATED FILE, DO NOT EDIT: \`npm run types\` writes it from report.schema.json (json-schema-to-typescript).
 * Import the report types from ./types, which names them for the components.
 */`;

/** Keywords that say what type a schema node allows. */
const TYPE_KEYWORDS = new Set([
  "type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "properties", "items", "additionalProperties", "not",
]);

/** Keywords whose value is JSON data or names, not a schema. */
const VALUE_KEYWORDS = new Set(["default", "examples", "const", "enum", "required", "description"]);

/**
 * The schema without the titles of its properties: json-schema-to-typescript would make each titled
 * property a type alias of its own (`type Word = string`, `type T1 = number`…); the root and the
 * `$defs` keep their titles, which name the interfaces. A property schema that constrains nothing gets
 * `tsType: "unknown"`.
 * @param {unknown} node a schema node
 * @param {boolean} named whether this node's title names a type (root, `$defs` entries)
 * @returns {unknown} a copy of the node
 */
function withoutPropertyTitles(node, named = true) {
  if (Array.isArray(node)) return node.map((n) => withoutPropertyTitles(n, false));
  if (!node || typeof node !== "object") return node;
  // A property schema that constrains nothing (pydantic's `Any`) allows any JSON value: `unknown`
  // (json-schema-to-typescript would read it as an object).
  const out = named || Object.keys(node).some((k) => TYPE_KEYWORDS.has(k)) ? {} : { tsType: "unknown" };
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" && !named) continue;
    if (VALUE_KEYWORDS.has(key)) {
      out[key] = value;
      continue;
    }
    if (key === "$defs") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPropertyTitles(v, true)]));
    } else if (key === "properties") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPropertyTitles(v, false)]));
    } else {
      out[key] = withoutPropertyTitles(value, false);
    }
  }
  return out;
}

/**
 * The TypeScript source for a report schema.
 * @param {string} schemaText the JSON text of the schema
 * @returns {Promise<string>} the source, as written to report.generated.ts
 */
export async function reportTypes(schemaText) {
  const schema = withoutPropertyTitles(JSON.parse(schemaText));
  return compile(schema, "Report", {
    bannerComment: BANNER,
    // A key the schema leaves open reads as `unknown` (never `any`); a map's missing key as `undefined`.
    unknownAny: true,
    strictIndexSignatures: true,
    additionalProperties: false,
    style: { printWidth: 120, singleQuote: false, trailingComma: "all", endOfLine: "lf" },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = await reportTypes(readFileSync(SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const committed = readFileSync(GENERATED, "utf8");
    if (committed !== source) {
      console.error(`${GENERATED} is not what report.schema.json gives: run npm run types`);
      process.exit(1);
    }
    console.log("report.generated.ts matches report.schema.json");
  } else {
    writeFileSync(GENERATED, source);
    console.log(`wrote ${GENERATED}`);
  }
}
