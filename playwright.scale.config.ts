import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The scale suite (e2e/scale): two app servers behind nginx on one PostgreSQL, Redis and S3 store,
// and what happens when those fail. It needs nginx and redis-server on the machine, so it is not part
// of `npm test`; CI runs it as its own step (`npm run test:scale`, see .ci/run).
export default defineConfig({
  ...base,
  testDir: "e2e/scale",
  testIgnore: [],
  globalSetup: "./e2e/scale/support/global-setup.ts",
  // One cluster, shared by the spec files in turn; the fault tests stop parts of it.
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  use: { ...base.use, baseURL: undefined },
});
