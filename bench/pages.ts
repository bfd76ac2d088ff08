// pages: every page a visitor lands on (Explore, the photo page, an album, a tag, search results, a
// share link, a photostream) and the signed-in photo page, photostream and feed, at 32 connections,
// against the floor any dynamic Next.js page pays here: an empty page that reads one cookie and renders
// a small form, in a tiny app (bench/pages/empty-app) built by this benchmark with the project's own
// Next.js, in the same run.
// The database is the grid benchmark's (100 000 photos from 1 000 people, seeded once and reused).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { freePort } from "@/server/db/embedded";
import type { DatabaseAnswer } from "./grid/database";
import { ensureBuild, signIn, startApp } from "./lib/app";
import { startTsChild } from "./lib/child";
import type { Benchmark, BenchResult, Goal } from "./lib/types";
import { BENCH_PASSWORD, benchHandle } from "./seed/photos";
import { median } from "./lib/stats";

type Audience = "baseline" | "anonymous" | "signed in";

interface Contender {
  id: string;
  label: string;
  audience: Audience;
  /** The paths requested in turn (one per request, round robin). */
  paths: string[];
  /** The goal's ratio to the empty page's req/s, if it has one. */
  goal?: number;
}

interface Round {
  requests: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  failures: number;
}

export const benchmark: Benchmark = {
  id: "pages",
  title:
    "landing pages (anonymous and signed in) at 32 connections vs an empty Next.js page reading a cookie",
  async run(context) {
    const seconds = Number(context.options.seconds ?? 10);
    const rounds = Number(context.options.rounds ?? 2);
    const connections = Number(context.options.connections ?? 32);
    const users = Number(context.options.users ?? 1000);
    const photos = Number(context.options.photos ?? 100_000);
    const only = context.options.only?.split(",");
    const dataDir = path.join(context.root, ".test-data", "bench");
    const stops: (() => Promise<void>)[] = [];
    const notes: string[] = [];
    try {
      const database = startTsChild(context.root, path.join("bench", "grid", "database.ts"), [
        dataDir,
        String(users),
        String(photos),
      ]);
      stops.push(() => database.close());
      const db = await database.request<DatabaseAnswer>("start");
      context.log(db.seeded ? `seeded ${db.photos} photos` : `reusing the seed (${db.photos} photos)`);

      const empty = await startEmptyApp(context.root, context.log);
      stops.push(empty.stop);
      ensureBuild(context, notes);
      const app = await startApp(context.root, {
        databaseUrl: db.url,
        dataDir,
        ready: `/people/${benchHandle(1)}`,
      });
      stops.push(app.stop);

      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      stops.push(() => pool.end());
      const sample = await samplePages(pool);
      const viewer = (
        await pool.query<{ email: string }>("SELECT email FROM users WHERE handle = $1", [benchHandle(2)])
      ).rows[0]!.email;
      const cookie = (await signIn(app.baseURL, viewer, BENCH_PASSWORD)).header();

      const all: Contender[] = [
        { id: "empty", label: "empty Next page reading a cookie", audience: "baseline", paths: ["/"] },
        { id: "explore", label: "/ Explore", audience: "anonymous", paths: ["/"], goal: 1 },
        { id: "photo", label: "/photos/<id>", audience: "anonymous", paths: sample.photos, goal: 1 },
        { id: "album", label: "/albums/<id>", audience: "anonymous", paths: sample.albums, goal: 1 },
        { id: "tag", label: "/tags/<tag>", audience: "anonymous", paths: sample.tags, goal: 1 },
        { id: "search", label: "/search?q=<word>", audience: "anonymous", paths: sample.searches, goal: 1 },
        { id: "share", label: "/s/<token> (an album)", audience: "anonymous", paths: sample.shares, goal: 1 },
        { id: "person", label: "/people/<handle>", audience: "anonymous", paths: sample.people },
        { id: "sign-in", label: "/sign-in", audience: "anonymous", paths: ["/sign-in"] },
        { id: "photo-in", label: "/photos/<id>", audience: "signed in", paths: sample.photos, goal: 0.5 },
        {
          id: "person-in",
          label: "/people/<handle>",
          audience: "signed in",
          paths: sample.people,
          goal: 0.5,
        },
        { id: "feed-in", label: "/feed", audience: "signed in", paths: ["/feed"], goal: 0.5 },
      ];
      const contenders = all.filter((c) => c.id === "empty" || !only || only.includes(c.id));
      const base = (c: Contender) => (c.id === "empty" ? empty.baseURL : app.baseURL);
      const headers = (c: Contender): Record<string, string> =>
        c.audience === "signed in" ? { cookie } : {};

      // Each path answers 200 before anything is measured (a 404 here is a wrong sample, not a result).
      for (const c of contenders) {
        const res = await fetch(`${base(c)}${c.paths[0]}`, { headers: headers(c) });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${c.id}: ${c.paths[0]} answered ${res.status}`);
      }
      // Warm-up (JIT, caches, PostgreSQL's buffers), not measured.
      for (const c of contenders) await load(base(c), c, headers(c), connections, 3);

      const measured = new Map<string, Round[]>(contenders.map((c) => [c.id, []]));
      for (let round = 0; round < rounds; round++) {
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        context.log(`round ${round + 1}/${rounds}: ${order.map((c) => c.id).join(", ")}`);
        for (const c of order)
          measured.get(c.id)!.push(await load(base(c), c, headers(c), connections, seconds));
      }

      const ratio = (id: string) =>
        median(measured.get(id)!.map((r, i) => r.rate / measured.get("empty")![i]!.rate));
      const goals: Goal[] = [];
      const rows = contenders.map((c) => {
        const runs = measured.get(c.id)!;
        const requests = runs.reduce((n, r) => n + r.requests, 0);
        const rate = requests / runs.reduce((n, r) => n + r.seconds, 0);
        const p50 = median(runs.map((r) => r.p50));
        const p99 = median(runs.map((r) => r.p99));
        const failures = runs.reduce((n, r) => n + r.failures, 0);
        const r = c.id === "empty" ? 1 : ratio(c.id);
        context.figure(`${c.id} req/s`, rate.toFixed(0));
        context.figure(`${c.id} p99`, p99.toFixed(0), "ms");
        if (c.id !== "empty") context.figure(`${c.id} ÷ empty page`, r.toFixed(2), "×");
        if (c.goal !== undefined) {
          goals.push({
            text: `${c.audience} ${c.label}: ≥ ${c.goal.toFixed(1)}× the empty page's req/s${c.goal >= 1 ? ", p99 ≤ 100 ms" : ""}`,
            measured: `${r.toFixed(2)}×, p99 ${p99.toFixed(0)} ms${failures ? `, ${failures} errors` : ""}`,
            met: r >= c.goal && (c.goal < 1 || p99 <= 100) && failures === 0,
          });
        }
        return [
          c.label,
          c.audience,
          rate.toFixed(0),
          p50.toFixed(0),
          p99.toFixed(0),
          String(failures),
          `${r.toFixed(2)}×`,
        ];
      });
      notes.push(
        `Load average after the run: ${os.loadavg()[0]?.toFixed(2)} (compare ratios: the host is shared).`,
        `${rounds} rounds of ${seconds} s per page, the order rotating each round, after 3 s of unmeasured warm-up each; autocannon with ${connections} connections in the bench process, without Accept-Encoding. Anonymous pages rotate over ${sample.photos.length} public photos, ${sample.albums.length} public albums, ${sample.tags.length} tags (the same words as searches), ${sample.shares.length} share links to private albums and ${sample.people.length} people; signed-in pages are one person's session (${benchHandle(2)}).`,
        `"÷ empty page": the median over rounds of the round's req/s ratio. The empty page is bench/pages/empty-app (one cookie read, rendered per request) built with the project's Next.js by this run, served by \`next start\`.`,
        `Data: the grid benchmark's seed (${db.users} people, ${db.photos} photos). Options: --seconds, --rounds, --connections, --only=photo,album (the empty page always runs), --build, --no-build.`,
      );
      return {
        table: { columns: ["page", "visitor", "req/s", "p50 ms", "p99 ms", "errors", "÷ empty page"], rows },
        goals,
        notes,
      } satisfies BenchResult;
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => context.log(`stop failed: ${error}`));
    }
  },
};

interface Sample {
  photos: string[];
  albums: string[];
  tags: string[];
  searches: string[];
  shares: string[];
  people: string[];
}

/** Pages to ask for, from the seed: public photos and albums, common tags, share links made here. */
async function samplePages(pool: pg.Pool): Promise<Sample> {
  const photos = await pool.query<{ id: string }>(
    `SELECT p.id FROM photos p
      WHERE p.visibility = 'PUBLIC' AND p.status = 'READY' AND p.deleted_at IS NULL
      ORDER BY p.id LIMIT 200`,
  );
  const albums = await pool.query<{ id: string }>(
    `SELECT a.id FROM albums a
      WHERE a.visibility = 'PUBLIC' AND NOT a.is_default
        AND EXISTS (SELECT 1 FROM photos p WHERE p.album_id = a.id AND p.visibility = 'PUBLIC')
      ORDER BY a.id LIMIT 100`,
  );
  const tags = await pool.query<{ tag: string }>(
    `SELECT t AS tag FROM (SELECT unnest(tags) AS t FROM photos WHERE visibility = 'PUBLIC' LIMIT 20000) s
      GROUP BY t ORDER BY count(*) DESC LIMIT 20`,
  );
  // Share links to private albums: the page a link's holder lands on. Made once, kept with the seed.
  const shares = await pool.query<{ token: string }>(
    `INSERT INTO share_links (token, created_by_id, album_id)
     SELECT $1 || a.id::text, a.owner_id, a.id FROM albums a
      WHERE a.visibility = 'PRIVATE' AND NOT a.is_default
        AND EXISTS (SELECT 1 FROM photos p WHERE p.album_id = a.id)
      ORDER BY a.id LIMIT 50
     ON CONFLICT (token) DO UPDATE SET revoked_at = NULL
     RETURNING token`,
    ["bench-pages-"],
  );
  return {
    photos: photos.rows.map((r) => `/photos/${r.id}`),
    albums: albums.rows.map((r) => `/albums/${r.id}`),
    tags: tags.rows.map((r) => `/tags/${encodeURIComponent(r.tag)}`),
    searches: tags.rows.map((r) => `/search?q=${encodeURIComponent(r.tag)}`),
    shares: shares.rows.map((r) => `/s/${r.token}`),
    people: Array.from({ length: 100 }, (_, i) => `/people/${benchHandle(i + 1)}`),
  };
}

async function load(
  base: string,
  contender: Contender,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<Round> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    headers,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: contender.paths[next++ % contender.paths.length]!,
        }),
      },
    ],
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requests: result["2xx"],
    seconds: elapsed,
    rate: result["2xx"] / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * The baseline: bench/pages/empty-app copied to .test-data/bench-pages-empty (node_modules linked to
 * the project's, so it is the same Next.js and React), built when the template is newer than its
 * build, and served by `next start`.
 */
async function startEmptyApp(
  root: string,
  log: (message: string) => void,
): Promise<{ baseURL: string; stop(): Promise<void> }> {
  const template = path.join(root, "bench", "pages", "empty-app");
  const dir = path.join(root, ".test-data", "bench-pages-empty");
  const built = path.join(dir, ".next", "BUILD_ID");
  const templateTime = Math.max(
    ...["app/page.jsx", "app/layout.jsx"].map((f) => statSync(path.join(template, f)).mtimeMs),
    statSync(path.join(root, "node_modules", "next", "package.json")).mtimeMs,
  );
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!existsSync(built) || statSync(built).mtimeMs < templateTime) {
    log("building the empty Next.js app (the baseline)…");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(template, "app"), path.join(dir, "app"), { recursive: true });
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
    // Turbopack resolves from the project's root, where the linked node_modules really are.
    writeFileSync(
      path.join(dir, "next.config.mjs"),
      `export default { turbopack: { root: ${JSON.stringify(root)} }, outputFileTracingRoot: ${JSON.stringify(root)} };\n`,
    );
    const build = spawnSync(process.execPath, [next, "build"], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    if (build.status !== 0)
      throw new Error(`the empty app's build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [next, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(baseURL, { headers: { cookie: `session=${randomBytes(8).toString("hex")}` } })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the empty Next.js app did not start within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseURL,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
