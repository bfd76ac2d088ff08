// The browser the end-to-end tests drive. playwright.config.ts asks for it when it loads (before
// Playwright decides which executable to launch), so `npm test` on a machine without one gets one:
// a Chromium already there, else Playwright's own (downloaded, if the network allows), else Debian's
// package (as root where apt-get works), else one line saying what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "@playwright/test";
import { ensureSystemTool, type ToolLookup } from "./system-tools";

const require = createRequire(import.meta.url);

/** Debian's (and Ubuntu's older) Chromium. Preferred when present: CI machines have it, no download. */
export const DEBIAN_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

// Enough for a real download (~170 MB) on a decent line; a blocked network fails in seconds.
const DOWNLOAD_TIMEOUT_MS = 180_000;

export type Attempt = { ok: true } | { ok: false; reason: string };

export interface ChromiumSources {
  /** Where an installed Chromium may be, in order of preference. */
  candidates: () => string[];
  /** Downloads Playwright's own Chromium (`playwright install chromium`). */
  download: () => Attempt;
  /** Where Playwright's own Chromium is after a download. */
  playwrightChromium: () => string;
  /** Installs Debian's chromium package (root, apt-get), or says why it could not. */
  installDebian: () => ToolLookup;
}

export function defaultChromiumSources(): ChromiumSources {
  return {
    candidates: () => [...DEBIAN_CHROMIUM, chromium.executablePath()],
    download: () => downloadPlaywrightChromium(),
    playwrightChromium: () => chromium.executablePath(),
    installDebian: () =>
      ensureSystemTool({
        command: "chromium",
        debianPackage: "chromium",
        paths: DEBIAN_CHROMIUM,
        recommends: true,
      }),
  };
}

/** Finds a Chromium, getting one first when there is none; never throws. */
export function provisionChromium(sources: ChromiumSources = defaultChromiumSources()): ToolLookup {
  const installed = sources.candidates().find((p) => existsSync(p));
  if (installed) return { found: true, path: installed };

  console.log("[test tools] no Chromium here: downloading Playwright's (npx playwright install chromium)");
  const download = sources.download();
  const own = sources.playwrightChromium();
  if (download.ok && existsSync(own)) return { found: true, path: own };
  const downloadFailure = download.ok ? `it finished but ${own} is missing` : download.reason;

  const debian = sources.installDebian();
  if (debian.found) return debian;
  return {
    found: false,
    reason:
      "No Chromium for the end-to-end tests: run `npx playwright install --with-deps chromium` " +
      `(here its download failed: ${downloadFailure}) or install Debian's chromium package ` +
      `(apt-get install chromium; here: ${debian.reason})`,
  };
}

/** `playwright install chromium`, bounded in time; the reason is the installer's own error line. */
export function downloadPlaywrightChromium(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = DOWNLOAD_TIMEOUT_MS,
): Attempt {
  const run = spawnSync(process.execPath, [require.resolve("@playwright/test/cli"), "install", "chromium"], {
    // A stalled connection gives up on its own well before the overall timeout.
    env: { PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: "15000", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  if (run.status === 0) return { ok: true };
  if (run.error) return { ok: false, reason: run.error.message };
  const output = `${run.stderr}\n${run.stdout}`.split("\n").map((line) => line.trim());
  const why = output.find((line) => line.startsWith("Error:")) ?? output.filter(Boolean).pop();
  return { ok: false, reason: why ?? `exit ${run.status ?? run.signal}` };
}
