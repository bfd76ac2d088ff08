// grid: a person's photostream page (/people/<handle>, first page of 60 photos) under 32 concurrent
// connections, with 100 000 photos from 1 000 people in the database, against a bare Node http server
// answering the same rows as JSON from `pg` with the same SQL. The app is the production build served
// by `next start`; the database is the embedded PostgreSQL under .test-data/bench (or DATABASE_URL),
// migrated and seeded once. Contenders take turns in alternating rounds.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import type { DatabaseAnswer } from "./grid/database";
import { ensureBuild, startApp } from "./lib/app";
import { startTsChild } from "./lib/child";
import type { Benchmark, BenchResult, Goal } from "./lib/types";
import { benchHandle } from "./seed/photos";
import { median } from "./lib/stats";

interface Contender {
  id: "bare" | "page" | "api" | "floor";
  label: string;
  how: string;
  path: (handle: string) => string;
  /** The status every answer should have. */
  status: 200 | 404;
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
  id: "grid",
  title: "photostream page (first 60 photos) at 32 connections, 100 000 photos from 1 000 people",
  async run(context) {
    const seconds = Number(context.options.seconds ?? 10);
    const rounds = Number(context.options.rounds ?? 3);
    const connections = Number(context.options.connections ?? 32);
    const users = Number(context.options.users ?? 1000);
    const photos = Number(context.options.photos ?? 100_000);
    const dataDir = path.join(context.root, ".test-data", "bench");
    const stops: (() => Promise<void>)[] = [];
    const notes: string[] = [];

    try {
      context.log(process.env.DATABASE_URL ? "database: DATABASE_URL" : `database: embedded, in ${dataDir}`);
      const database = startTsChild(context.root, path.join("bench", "grid", "database.ts"), [
        dataDir,
        String(users),
        String(photos),
      ]);
      stops.push(() => database.close());
      const db = await database.request<DatabaseAnswer>("start");
      context.log(
        db.seeded
          ? `seeded ${db.users} people and ${db.photos} photos in ${db.seconds.toFixed(1)} s`
          : `reusing the seed (${db.users} people, ${db.photos} photos)`,
      );
      if (db.seeded) context.figure("seed time", db.seconds.toFixed(1), "s");

      ensureBuild(context, notes);
      const app = await startApp(context.root, {
        databaseUrl: db.url,
        dataDir,
        ready: `/people/${benchHandle(1)}`,
      });
      stops.push(app.stop);
      const bare = startTsChild(context.root, path.join("bench", "grid", "bare-server.ts"), [db.url]);
      stops.push(() => bare.close());
      const barePort = (await bare.request<{ port: number }>("start")).port;

      const bases = {
        bare: `http://127.0.0.1:${barePort}`,
        page: app.baseURL,
        api: app.baseURL,
        floor: app.baseURL,
      };
      notes.push(...(await checkSameRows(bases.page, bases.bare)));

      const contenders: Contender[] = [
        {
          id: "bare",
          label: "bare Node http + pg",
          how: "the same rows as JSON, the same SQL",
          path: (h) => `/people/${h}`,
          status: 200,
        },
        {
          id: "page",
          label: "Pinhole /people/<handle>",
          how: "next start: the whole page (HTML + RSC payload), anonymous: from the page cache",
          path: (h) => `/people/${h}`,
          status: 200,
        },
        {
          id: "api",
          label: "Pinhole /api/photos (stream)",
          how: "next start: the route handler infinite scroll calls, JSON",
          path: (h) => `/api/photos?scope=stream&owner=${h}`,
          status: 200,
        },
        {
          id: "floor",
          label: "Pinhole /sign-in",
          how: "next start: a small page rendered per request (header, a form): any uncached page's floor",
          path: () => "/sign-in",
          status: 200,
        },
      ];

      // The page cache's fill: each person's first anonymous view renders their page (a miss),
      // later views are served from the cache until the person's pages change. Timed, reported as
      // a note, then the rounds measure the steady state, as a site's visitors mostly see it.
      const fill = await fillPageCache(app.baseURL, users);
      context.figure("page first view (render) p50", fill.p50.toFixed(1), "ms");
      context.figure("page first view (render) p99", fill.p99.toFixed(1), "ms");
      notes.push(
        `Cache fill before the rounds: the first anonymous view of each of the ${users} people renders their page (4 at a time): p50 ${fill.p50.toFixed(1)} ms, p99 ${fill.p99.toFixed(1)} ms, ${fill.rate.toFixed(0)} pages/s; every later view is served from the page cache until that person's pages change (a trigger bumps their version in the same transaction). The api and floor rows are rendered per request.`,
      );

      // Warm-up: JIT, Next's module caches, PostgreSQL's buffers; not measured.
      for (const c of contenders) await load(`${bases[c.id]}`, c, users, connections, 3);

      const measured = new Map<Contender["id"], Round[]>(contenders.map((c) => [c.id, []]));
      for (let round = 0; round < rounds; round++) {
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        context.log(`round ${round + 1}/${rounds}: ${order.map((c) => c.id).join(", ")}`);
        for (const c of order)
          measured.get(c.id)!.push(await load(bases[c.id], c, users, connections, seconds));
      }

      const ratioToBare = (id: Contender["id"]) =>
        median(measured.get(id)!.map((r, i) => r.rate / measured.get("bare")![i]!.rate));
      const rows = contenders.map((c) => {
        const all = measured.get(c.id)!;
        const requests = all.reduce((n, r) => n + r.requests, 0);
        const rate = requests / all.reduce((n, r) => n + r.seconds, 0);
        const p99 = median(all.map((r) => r.p99));
        context.figure(`${c.id} req/s`, rate.toFixed(0));
        context.figure(`${c.id} p99`, p99.toFixed(1), "ms");
        if (c.id !== "bare") context.figure(`${c.id} ÷ bare req/s`, ratioToBare(c.id).toFixed(2), "×");
        return [
          c.label,
          c.how,
          String(requests),
          rate.toFixed(0),
          median(all.map((r) => r.p50)).toFixed(1),
          p99.toFixed(1),
          Math.max(...all.map((r) => r.p99)).toFixed(1),
          String(all.reduce((n, r) => n + r.failures, 0)),
          c.id === "bare" ? "1.00×" : `${ratioToBare(c.id).toFixed(2)}×`,
        ];
      });

      const pageP99 = median(measured.get("page")!.map((r) => r.p99));
      const pageRatio = ratioToBare("page");
      const failures = measured.get("page")!.reduce((n, r) => n + r.failures, 0);
      const goals: Goal[] = [
        { text: "p99 ≤ 100 ms (the page)", measured: `${pageP99.toFixed(1)} ms`, met: pageP99 <= 100 },
        {
          text: "≥ 0.3× the bare server's req/s (the page)",
          measured: `${pageRatio.toFixed(2)}×`,
          met: pageRatio >= 0.3,
        },
      ];
      if (failures) notes.push(`The page answered ${failures} requests with an error or a non-2xx status.`);
      notes.push(
        `Load average after the run: ${os.loadavg()[0]?.toFixed(2)} (other work on the host slows every contender; compare ratios).`,
        `${rounds} rounds of ${seconds} s per contender, the order rotating each round, after 3 s of unmeasured warm-up each; autocannon with ${connections} connections in the bench process, each request for the next of the ${users} people in turn (/people/bench-0001 …).`,
        "The floor row is the cost of any page rendered per request on this host: Next.js, the layouts (header, session lookup, providers) and a small form; a signed-in person's photostream adds its own work on top of it.",
        `req/s: all requests over all rounds' time; p50 and p99: the median over rounds of each round's percentile; "worst p99": the slowest round's; "÷ bare": the median over rounds of the round's req/s ratio.`,
        `Data: ${db.users} people, ${db.photos} photos (80 % public, 12 % private, 8 % shared; half in the default album, the rest in four albums each: two public, one private, one shared), every photo its own ThumbHash. Each person has about ${Math.round(db.photos / db.users)} photos; the first page shows 60 of those an anonymous visitor may see.`,
        `Next.js: one \`next start\` process (production build), NODE_ENV=production, the Prisma pool's 10 connections; the bare server also uses a pool of 10. ${memory(app.child.pid)}`,
        "Options: --seconds, --rounds, --connections, --users, --photos, --build (force `next build`), --no-build.",
      );
      return {
        table: {
          columns: [
            "contender",
            "how",
            "requests",
            "req/s",
            "p50 ms",
            "p99 ms",
            "worst p99 ms",
            "errors",
            "÷ bare",
          ],
          rows,
        },
        goals,
        notes,
      } satisfies BenchResult;
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => context.log(`stop failed: ${error}`));
    }
  },
};

async function load(
  base: string,
  contender: Contender,
  users: number,
  connections: number,
  seconds: number,
): Promise<Round> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: contender.path(benchHandle((next++ % users) + 1)) }),
      },
    ],
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000;
  // autocannon only tells 2xx from the rest; a contender answering 404 by design counts those.
  const answered = contender.status === 200 ? result["2xx"] : result.non2xx;
  return {
    requests: answered,
    seconds: elapsed,
    rate: answered / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + (contender.status === 200 ? result.non2xx : result["2xx"]),
  };
}

/** Visits every person's page once, 4 at a time, timing each first (uncached) render. */
async function fillPageCache(base: string, users: number) {
  const times: number[] = [];
  let next = 1;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next <= users) {
        const handle = benchHandle(next++);
        const t0 = performance.now();
        const response = await fetch(`${base}/people/${handle}`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`/people/${handle} answered ${response.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), rate: users / ((performance.now() - started) / 1000) };
}

/** The page and the baseline must show the same photos, in the same order, or the race is unfair. */
async function checkSameRows(pageBase: string, bareBase: string): Promise<string[]> {
  const handle = benchHandle(1);
  const html = await (await fetch(`${pageBase}/people/${handle}`)).text();
  const pageIds = [...html.matchAll(/data-photo-id="([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const bare = (await (await fetch(`${bareBase}/people/${handle}`)).json()) as { photos: { id: string }[] };
  const bareIds = bare.photos.map((p) => p.id);
  if (pageIds.length !== 60 || JSON.stringify(pageIds) !== JSON.stringify(bareIds)) {
    throw new Error(
      `the page and the bare server disagree on /people/${handle}: ${pageIds.length} vs ${bareIds.length} photos`,
    );
  }
  const json = JSON.stringify(bare);
  return [
    `Checked before the run: /people/${handle} lists the same 60 photos, in the same order, as the bare server.`,
    `Response sizes for one person: the page ${kb(html.length)} (${kb(gzipSync(html).length)} gzipped), the bare JSON ${kb(json.length)}; autocannon asks without Accept-Encoding, so neither is compressed.`,
  ];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function memory(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return `Its resident memory after the run: ${(field("VmRSS") / 1024).toFixed(0)} MiB (peak ${(field("VmHWM") / 1024).toFixed(0)} MiB).`;
  } catch {
    return "";
  }
}
