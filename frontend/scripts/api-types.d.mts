// Types of api-types.mjs, for the test that imports it (src/app/api-types.test.ts).
/** The frontend/ folder (absolute path). */
export const FRONTEND: string;
/** docs/openapi.json (absolute path). */
export const SCHEMA: string;
/** src/app/api.generated.ts (absolute path). */
export const GENERATED: string;
/** The TypeScript source that `npm run types:api` writes for an OpenAPI schema given as JSON text. */
export function apiTypes(schemaText: string): Promise<string>;
