// ESLint on the front end's sources (`npm run lint`, also run by .ci/run): JavaScript's and typescript-eslint's
// recommended rules, and React's hooks rules (the rules of hooks, complete effect dependencies, and the React
// Compiler's checks: no state set during render or synchronously in an effect, no ref read during render…).
// Warnings fail the run too (`--max-warnings 0`): a rule worth having is worth keeping at zero.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "dist-viewer/", "node_modules/", "**/*.generated.ts"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
);
