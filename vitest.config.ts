// Vitest runs the unit and database-layer integration tests against a real PostgreSQL:
// test/support/global-setup.ts creates (and migrates) a throw-away database for the run, either on
// the server named by DATABASE_URL or on an embedded PostgreSQL kept in .test-data/vitest.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.join(root, "src"),
      // `server-only` throws outside React Server Components; the tests are server code.
      "server-only": path.join(root, "test/support/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    // Starting PostgreSQL (and initdb on a first run) takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
