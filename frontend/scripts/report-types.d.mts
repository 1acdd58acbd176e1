// Types of report-types.mjs, for the tests that import it (src/report/types.test.ts).
/** The frontend/ folder (absolute path). */
export const FRONTEND: string;
/** interview_ai_lab/data/report.schema.json (absolute path). */
export const SCHEMA: string;
/** src/report/report.generated.ts (absolute path). */
export const GENERATED: string;
/** The TypeScript source that `npm run types` writes for a report schema given as JSON text. */
export function reportTypes(schemaText: string): Promise<string>;
