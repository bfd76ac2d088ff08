// load: the two-instance setup of the scale tests (test/support/scale-cluster.ts: two `next start`
// behind nginx, one PostgreSQL, Redis and s3rver) under 200 concurrent browsers (a person's page, a
// photo page, then that page's thumbnails, over and over) and 20 concurrent uploaders for 60 s.
// Counts every error, records p99, and samples both app servers' memory once a second.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { chromium } from "@playwright/test";
import sharp from "sharp";
import { buildApp, findNginx, hasBuild, startCluster, type Cluster } from "../test/support/scale-cluster";
import { seedUser, type SeededUser } from "../prisma/seed/users";
import type { Benchmark, BenchContext, BenchResult } from "./lib/types";

const THUMB_WIDTHS = [320, 640];

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
function treeRssMb(pid: number): number {
  let kb = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(" ") : []) walk(Number(child));
      }
    } catch {
      // The process ended between two reads.
    }
  };
  walk(pid);
  return kb / 1024;
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

let made = 0;
/** A 640×480 JPEG nobody uploaded before (the site keeps one photo per owner and checksum). */
function uniqueJpeg(): Promise<Buffer> {
  made++;
  const n = (made * 2_654_435_761) >>> 0;
  return sharp({
    create: {
      width: 640,
      height: 480,
      channels: 3,
      background: { r: n & 255, g: (n >> 8) & 255, b: (n >> 16) & 255 },
    },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg width="640" height="480"><circle cx="${made % 640}" cy="${(made * 7) % 480}" r="90" fill="#${(n & 0xffffff).toString(16).padStart(6, "0")}"/></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function upload(baseURL: string, cookie: string): Promise<{ status: number; ms: number; id?: string }> {
  const bytes = await uniqueJpeg();
  const started = performance.now();
  try {
    const res = await fetch(`${baseURL}/api/uploads`, {
      method: "POST",
      headers: {
        cookie,
        origin: baseURL,
        "content-type": "application/octet-stream",
        "x-upload-filename": "load.jpg",
      },
      body: new Uint8Array(bytes),
      // An upload that never answers is an error, not a hung benchmark.
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 201) return { status: res.status, ms };
    return { status: 201, ms, id: (JSON.parse(text) as { photo: { id: string } }).photo.id };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

/** Signs each person in with Chromium (sign-in is a server action) and returns their cookie headers. */
async function cookiesFor(baseURL: string, people: SeededUser[]): Promise<string[]> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const cookies: string[] = [];
    for (const person of people) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Password", { exact: true }).fill(person.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      cookies.push((await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; "));
      await context.close();
    }
    return cookies;
  } finally {
    await browser.close();
  }
}

async function waitReady(db: pg.Pool, ids: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM photos WHERE id = ANY($1::uuid[]) AND status = 'READY'",
      [ids],
    );
    if (rows[0]!.n === ids.length || Date.now() > deadline) return rows[0]!.n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const benchmark: Benchmark = {
  id: "load",
  title: "two app servers behind nginx: 200 concurrent browsers and 20 concurrent uploaders for 60 s",
  async run(context: BenchContext): Promise<BenchResult> {
    const seconds = Number(context.options.seconds ?? 60);
    const browsers = Number(context.options.browsers ?? 200);
    const uploaders = Number(context.options.uploaders ?? 20);
    const basePort = Number(context.options.port ?? 3250);
    if (!findNginx()) throw new Error("nginx is not installed (apt-get install -y nginx)");
    if (context.options.rebuild || !hasBuild()) {
      context.log("building (next build)");
      buildApp();
    }

    context.log(`starting the cluster on ports ${basePort}-${basePort + 5}`);
    // The sweep on its default timer, as in production (the tests sweep on demand instead).
    const cluster: Cluster = await startCluster({
      basePort,
      log: context.log,
      appEnv: { JOBS_SWEEP_INTERVAL_SECONDS: "30" },
    });
    const db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
    try {
      // People with photos to look at, and people who upload.
      const owners = await Promise.all(Array.from({ length: 4 }, () => seedUser(db)));
      const uploaderPeople = await Promise.all(Array.from({ length: 4 }, () => seedUser(db)));
      const [ownerCookies, uploaderCookies] = [
        await cookiesFor(cluster.balancerURL, owners),
        await cookiesFor(cluster.balancerURL, uploaderPeople),
      ];
      const seeded: { id: string; owner: SeededUser }[] = [];
      for (let i = 0; i < 24; i++) {
        const owner = i % owners.length;
        const res = await upload(cluster.balancerURL, ownerCookies[owner]!);
        if (res.status !== 201) throw new Error(`seeding upload answered ${res.status}`);
        seeded.push({ id: res.id!, owner: owners[owner]! });
      }
      const ready = await waitReady(
        db,
        seeded.map((s) => s.id),
        120_000,
      );
      if (ready !== seeded.length)
        throw new Error(`only ${ready} of ${seeded.length} seeded photos were processed`);

      // A browser's visit: a person's page, a photo page, its thumbnails; each connection walks the list.
      const requests: { method: "GET"; path: string }[] = [];
      for (const [i, s] of seeded.entries()) {
        if (i % 6 === 0) requests.push({ method: "GET", path: `/people/${s.owner.handle}` });
        requests.push({ method: "GET", path: `/photos/${s.id}` });
        for (const w of THUMB_WIDTHS) requests.push({ method: "GET", path: `/media/${s.id}/1/w${w}.webp` });
      }

      // Memory: both app servers (and anything they started), once a second.
      const memory: number[][] = [[], []];
      const sampler = setInterval(() => {
        cluster.apps.forEach((app, i) => memory[i]!.push(treeRssMb(app.process.pid!)));
      }, 1_000);
      cluster.apps.forEach((app, i) => memory[i]!.push(treeRssMb(app.process.pid!)));

      context.log(`${seconds} s: ${browsers} browsers, ${uploaders} uploaders`);
      const stop = { now: false };
      const uploads: { status: number; ms: number; id?: string }[] = [];
      const uploading = Promise.all(
        Array.from({ length: uploaders }, async (_, i) => {
          while (!stop.now)
            uploads.push(await upload(cluster.balancerURL, uploaderCookies[i % uploaderCookies.length]!));
        }),
      );
      const browsing = await autocannon({
        url: cluster.balancerURL,
        connections: browsers,
        duration: seconds,
        requests,
        timeout: 30,
      });
      stop.now = true;
      context.log("browsers done; waiting for the uploads in flight");
      await uploading;
      clearInterval(sampler);

      const uploaded = uploads.filter((u) => u.status === 201);
      const uploadErrors = uploads.length - uploaded.length;
      const browseErrors = browsing.errors + browsing.timeouts + browsing.non2xx;
      // The jobs the uploads queued keep running after the 60 s: how far they got is part of the picture.
      const processed = await waitReady(
        db,
        uploaded.map((u) => u.id!),
        1_000,
      );
      const upMs = uploaded.map((u) => u.ms);
      const peak = memory.map((m) => Math.max(...m));
      const firstTen = memory.map((m) => Math.max(...m.slice(0, 10)));
      const last = memory.map((m) => m[m.length - 1]!);

      context.figure("browse requests/s", browsing.requests.average);
      context.figure("browse p50", browsing.latency.p50, "ms");
      context.figure("browse p99", browsing.latency.p99, "ms");
      context.figure("browse errors", browseErrors);
      context.figure("uploads", uploaded.length);
      context.figure("upload p99", percentile(upMs, 99).toFixed(0), "ms");
      context.figure("upload errors", uploadErrors);
      context.figure("app memory peak", peak.map((m) => m.toFixed(0)).join(" / "), "MiB");

      const MEMORY_BOUND_MB = 1_024;
      return {
        table: {
          columns: ["traffic", "requests", "req/s", "p50 ms", "p99 ms", "errors"],
          rows: [
            [
              `${browsers} browsers (page, photo page, thumbnails)`,
              String(browsing.requests.total),
              browsing.requests.average.toFixed(0),
              String(browsing.latency.p50),
              String(browsing.latency.p99),
              `${browseErrors} (${browsing.errors} errors, ${browsing.timeouts} timeouts, ${browsing.non2xx} non-2xx)`,
            ],
            [
              `${uploaders} uploaders (640×480 JPEG each)`,
              String(uploads.length),
              (uploads.length / seconds).toFixed(1),
              percentile(upMs, 50).toFixed(0),
              percentile(upMs, 99).toFixed(0),
              String(uploadErrors),
            ],
          ],
        },
        goals: [
          {
            text: "0 errors",
            measured: String(browseErrors + uploadErrors),
            met: browseErrors + uploadErrors === 0,
          },
          {
            text: `each app server's memory ≤ ${MEMORY_BOUND_MB} MiB`,
            measured: `peak ${peak.map((m) => m.toFixed(0)).join(" / ")} MiB`,
            met: peak.every((m) => m <= MEMORY_BOUND_MB),
          },
        ],
        notes: [
          `Two \`next start\` processes (production build) behind nginx ${nginxVersion()} (round robin, keepalive), one embedded PostgreSQL, one redis-server, s3rver as the store; all on this machine, with the load generator.`,
          `Browsers: autocannon, ${browsers} connections through nginx for ${seconds} s, each walking ${requests.length} requests over ${seeded.length} public photos of ${owners.length} people (person pages from the page cache, photo pages rendered per request, two thumbnail widths from S3 through the media route).`,
          `Uploaders: ${uploaders} loops each posting a new JPEG as soon as the last answered, as ${uploaderPeople.length} signed-in people; ${uploaded.length} uploads acknowledged, ${processed} of them processed by the end (the jobs run one at a time per server and continue after the run).`,
          `Memory (RSS of each app server process tree, sampled every second): first 10 s peak ${firstTen.map((m) => m.toFixed(0)).join(" / ")} MiB, overall peak ${peak.map((m) => m.toFixed(0)).join(" / ")} MiB, at the end ${last.map((m) => m.toFixed(0)).join(" / ")} MiB.`,
          "Options: --seconds, --browsers, --uploaders, --port (first of six: nginx, two apps, PostgreSQL, Redis, S3), --rebuild.",
        ],
      };
    } finally {
      await db.end();
      await cluster.stop();
    }
  },
};

function nginxVersion(): string {
  const nginx = findNginx();
  if (!nginx) return "";
  const r = spawnSync(nginx, ["-v"], { encoding: "utf8" });
  return /nginx\/([\d.]+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? "";
}
