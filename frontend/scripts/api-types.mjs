// The front end's API types, generated from the web app's OpenAPI schema (docs/openapi.json, itself written by
// drf-spectacular: `cd web && ../.venv/bin/python manage.py spectacular --format openapi-json --file ../docs/openapi.json`)
// with openapi-typescript:
//   npm run types:api            writes src/app/api.generated.ts
//   npm run types:api -- --check fails (exit 1) when the committed file is not what the schema gives
// src/app/api-types.test.ts makes the same comparison in `npm test`; tests/web/test_openapi_schema.py checks
// that docs/openapi.json is the schema the app serves.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

// (not `new URL("..", import.meta.url)`: the tests run this module under jsdom, whose URL node:url refuses)
export const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA = join(FRONTEND, "..", "docs", "openapi.json");
export const GENERATED = join(FRONTEND, "src", "app", "api.generated.ts");

const BANNER = `/**
 * GENERATED FILE, DO NOT EDIT: \`npm run types:api\` writes it from docs/openapi.json (openapi-typescript).
 * Import the API types from ./api and ./positions, which name them for the pages.
 */
`;

/**
 * The TypeScript source for an OpenAPI schema.
 * @param {string} schemaText the JSON text of the schema
 * @returns {Promise<string>} the source, as written to api.generated.ts
 */
export async function apiTypes(schemaText) {
  // A property the schema does not list reads as `unknown` (never `any`); no index signature is added.
  const ast = await openapiTS(JSON.parse(schemaText), { alphabetize: false, defaultNonNullable: true });
  return BANNER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = await apiTypes(readFileSync(SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const committed = readFileSync(GENERATED, "utf8");
    if (committed !== source) {
      console.error(`${GENERATED} is not what docs/openapi.json gives: run npm run types:api`);
      process.exit(1);
    }
    console.log("api.generated.ts matches docs/openapi.json");
  } else {
    writeFileSync(GENERATED, source);
    console.log(`wrote ${GENERATED}`);
  }
}
