/// <reference types="vitest/config" />
// The recruiter app (index.html → dist/). Dev: `npm run dev` proxies /api and /media to Django on :8000.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const backend = process.env.IAL_BACKEND ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  base: "/",
  server: {
    port: 5173,
    // The shared catalogue (texts and numbers Python writes too) lives in the Python package's data.
    fs: { allow: [".", "../interview_ai_lab/data/catalogue"] },
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/media": { target: backend, changeOrigin: false },
      "/admin": { target: backend, changeOrigin: false },
    },
  },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    pool: "threads",
    isolate: false,
    maxWorkers: 1,
  },
});
