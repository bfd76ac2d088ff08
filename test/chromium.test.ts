// How the end-to-end suite gets its browser (test/support/chromium.ts). This machine keeps its Chromium
// (others use it), so the order of the lookup is proven with sources that stand in for the machine,
// and Playwright's real installer is run against a download host that refuses connections.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadPlaywrightChromium, provisionChromium, type ChromiumSources } from "./support/chromium";

let dir: string;
let present: string;
const absent = () => path.join(dir, "absent", "chrome");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "pinhole-chromium-"));
  present = path.join(dir, "chrome");
  await writeFile(present, "");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Sources that record what was tried. */
function sources(overrides: Partial<ChromiumSources>) {
  const tried: string[] = [];
  const s: ChromiumSources = {
    candidates: () => [absent()],
    download: () => {
      tried.push("download");
      return { ok: false, reason: "Error: getaddrinfo ENOTFOUND cdn.playwright.dev" };
    },
    playwrightChromium: () => absent(),
    installDebian: () => {
      tried.push("apt");
      return { found: false, reason: "chromium is not installed: install Debian's chromium package" };
    },
    ...overrides,
  };
  return { s, tried };
}

describe("provisionChromium", () => {
  it("uses a Chromium already installed and fetches nothing", () => {
    const { s, tried } = sources({ candidates: () => [absent(), present] });
    expect(provisionChromium(s)).toEqual({ found: true, path: present });
    expect(tried).toEqual([]);
  });

  it("downloads Playwright's own Chromium when none is installed", () => {
    const { s, tried } = sources({
      download: () => {
        tried.push("download");
        return { ok: true };
      },
      playwrightChromium: () => present,
    });
    expect(provisionChromium(s)).toEqual({ found: true, path: present });
    expect(tried).toEqual(["download"]);
  });

  it("installs Debian's package when the download fails", () => {
    const { s, tried } = sources({
      installDebian: () => {
        tried.push("apt");
        return { found: true, path: present };
      },
    });
    expect(provisionChromium(s)).toEqual({ found: true, path: present });
    expect(tried).toEqual(["download", "apt"]);
  });

  it("does not trust a download that reports success but left no browser", () => {
    const { s, tried } = sources({
      download: () => {
        tried.push("download");
        return { ok: true };
      },
    });
    const result = provisionChromium(s);
    expect(tried).toEqual(["download", "apt"]);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.reason).toContain(`${absent()} is missing`);
  });

  it("otherwise says in one line what to install, and why each way failed", () => {
    const { s } = sources({});
    const result = provisionChromium(s);
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.reason).not.toContain("\n");
    expect(result.reason).toContain("npx playwright install --with-deps chromium");
    expect(result.reason).toContain("apt-get install chromium");
    expect(result.reason).toContain("ENOTFOUND cdn.playwright.dev");
    expect(result.reason).toContain("install Debian's chromium package");
  });
});

describe("downloadPlaywrightChromium", () => {
  // The installer retries each download a few times: tens of seconds on a busy machine.
  it("runs Playwright's installer and reports its error when the download host is unreachable", async () => {
    // A port that was free a moment ago: connections to it are refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const browsers = path.join(dir, "browsers");
    const result = downloadPlaywrightChromium(
      {
        ...process.env,
        PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${port}`,
        PLAYWRIGHT_BROWSERS_PATH: browsers,
      },
      120_000,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/ECONNREFUSED|Failed to download|Download failure/);
    // Nothing half-downloaded is left where Playwright would look for a browser.
    const left = await readdir(browsers).catch(() => []);
    expect(left.filter((name) => name.startsWith("chromium"))).toEqual([]);
  }, 150_000);
});
