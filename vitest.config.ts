import { defineConfig } from "vitest/config";

// Three tiers, named by cost: unit (pure), db (each test on SQLite and PostgreSQL), e2e (Chromium).
export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a two-core CI machine,
    // which ran every file one after another. Two workers run two files at once, browser specs too:
    // each spec starts its own server on its own port and data (or PostgreSQL database), and a browser
    // spec leaves much of a core idle while it waits on the page.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "db",
          include: ["apps/api/**/*.db.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["apps/api/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.spec.ts"],
          globalSetup: ["apps/api/test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
