import { defineConfig, devices } from "@playwright/test";
import { provisionChromium } from "./test/support/chromium";

// The browser is decided here, when the config loads (in the runner, then in each worker): a Chromium
// already on the machine, else one fetched now (test/support/chromium.ts), else one line saying what
// to install, and nothing else (a thrown error would bury it under Playwright's loader stack).
const browser = provisionChromium();
if (!browser.found) {
  console.error(browser.reason);
  process.exit(1);
}

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  // The scale suite needs nginx and its own cluster: playwright.scale.config.ts, a separate CI step.
  testIgnore: "scale/**",
  outputDir: "test-results",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: browser.path,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
});
