// soak: mixed browsing (signed-in and anonymous: Explore, photostreams, photo pages, albums, search,
// the feed) at the pages benchmark's 32 connections, with uploads, against a production Pinhole for
// SOAK_SECONDS (1800 by default: the 30 minutes issue 15 asks for, `--seconds=` too), sampling the resident memory of the whole server
// process tree and its V8 heap (/api/metrics) every few seconds. Reports the growth after warm-up
// against the first minute, the heap's peak and live set, any shedding episodes, and every error.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import { addAlbum, addPhotos } from "../src/server/data/albums/album-fixtures";
import {
  type Cookies,
  distinctJpeg,
  ensureBuild,
  signIn,
  startApp,
  startDatabase,
  treeRss,
  uploadPhoto,
} from "./lib/app";
import type { Benchmark, BenchResult } from "./lib/types";
import { median } from "./lib/stats";

const MiB = 1024 * 1024;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

interface Sample {
  at: number;
  rss: number;
  /** Requests answered so far. */
  done: number;
}

/** The server's own view of its memory (/api/metrics), sampled beside RSS. */
interface Probe {
  at: number;
  /** V8's used heap at the sample (garbage included). */
  heapUsed: number;
  /** Used heap right after the last full collection: the live set. */
  liveHeap: number;
  heapLimit: number;
  /** ArrayBuffers and Buffers outside the heap (the page and media caches' bytes). */
  external: number;
  caches: Record<string, number>;
  shedEpisodes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const benchmark: Benchmark = {
  id: "soak",
  title:
    "mixed browsing (32 connections, signed-in and anonymous) and uploads for SOAK_SECONDS (30 minutes by default): resident memory after warm-up vs the first minute",
  async run(context) {
    const seconds = Number(context.options.seconds ?? process.env.SOAK_SECONDS ?? 1800);
    // The pages benchmark's concurrency.
    const browsers = Number(context.options.browsers ?? 32);
    // People whose photostreams and albums only anonymous visitors browse: many distinct pages for
    // the page cache (each with a public album of seeded photos).
    const crowd = Number(context.options.people ?? 300);
    const uploaders = Number(context.options.uploaders ?? 2);
    const sampleEvery = Number(context.options["sample-seconds"] ?? 5);
    // The first minute is the warm-up and the reference (a fifth of a shorter run).
    const warmup = Math.min(60, seconds / 5);
    const dataDir = path.join(context.root, ".test-data", "bench-soak");
    const notes: string[] = [];
    const stops: (() => Promise<void>)[] = [];
    try {
      const database = await startDatabase(context, "bench-soak");
      stops.push(database.stop);
      ensureBuild(context, notes);
      // The probes read /api/metrics, as an operator's Prometheus would (README: Monitoring).
      // --probes=off: no METRICS_TOKEN (and so no request timing), RSS only.
      const probing = context.options.probes !== "off";
      const metricsToken = randomBytes(24).toString("base64url");
      const appEnv: Record<string, string> = probing ? { METRICS_TOKEN: metricsToken } : {};
      if (context.options.redis) appEnv.REDIS_URL = context.options.redis;
      // The server as shipped bounds its memory (scripts/server-args.ts): V8's heap at
      // PINHOLE_HEAP_MB (512) and glibc's arenas at MALLOC_ARENA_MAX (2). Without them, on this
      // 23.5 GiB host V8 lets the heap reach ~4x the live set before collecting (+250 MiB of RSS in
      // the first minutes, no leak), and glibc's per-thread arenas, fragmented by freed image
      // buffers, grew native memory from ~100 to ~230 MiB in 5 minutes (~70 with 2 arenas).
      // --heap-mb and --malloc-arena-max run it otherwise (--heap-mb=0: Node's own sizing).
      if (context.options["heap-mb"] !== undefined) appEnv.PINHOLE_HEAP_MB = context.options["heap-mb"];
      if (context.options["malloc-arena-max"] !== undefined)
        appEnv.MALLOC_ARENA_MAX = context.options["malloc-arena-max"];
      const app = await startApp(context.root, { databaseUrl: database.url, dataDir, env: appEnv });
      stops.push(app.stop);
      // What the server was started with, as it sees it (a launcher may drop a setting on the way).
      const serverEnv = memorySettings(app.child.pid!);
      const base = app.baseURL;

      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      stops.push(() => pool.end());
      const people: { handle: string; cookies: Cookies; album: string }[] = [];
      for (let i = 0; i < Math.max(uploaders, 4); i++) {
        const user = await seedUser(pool);
        const album = await addAlbum(pool, user.id, { title: `Soak ${i}`, visibility: "PUBLIC" });
        people.push({ handle: user.handle, album, cookies: await signIn(base, user.email, user.password) });
      }
      const others: { handle: string; album: string }[] = [];
      for (let i = 0; i < crowd; i++) {
        const user = await seedUser(pool);
        const album = await addAlbum(pool, user.id, { title: `Trip ${i}`, visibility: "PUBLIC" });
        await addPhotos(pool, user.id, album, 12);
        others.push({ handle: user.handle, album });
      }
      const cameras = path.join(context.root, "test/fixtures/photos/cameras");
      const jpegs = readdirSync(cameras)
        .filter((f) => f.endsWith(".jpg"))
        .map((f) => readFileSync(path.join(cameras, f)));
      // Something to browse from the start: a few photos each.
      const photos: { id: string; mediaBase: string }[] = [];
      for (const [i, person] of people.entries())
        for (let j = 0; j < 3; j++)
          photos.push(
            await uploadPhoto(
              base,
              person.cookies,
              distinctJpeg(jpegs[(i * 3 + j) % jpegs.length]!),
              person.album,
            ),
          );

      const errors: string[] = [];
      const counts = { pages: 0, media: 0, api: 0, uploads: 0 };
      const latencies: number[] = [];
      const started = Date.now();
      const end = started + seconds * 1000;
      const done = () => counts.pages + counts.media + counts.api + counts.uploads;
      const samples: Sample[] = [{ at: 0, rss: treeRss(app.child.pid!), done: 0 }];
      const probes: Probe[] = [];
      const probe = async () =>
        probing &&
        readProbe(base, metricsToken, (Date.now() - started) / 1000).then(
          (p) => void probes.push(p),
          (error: unknown) =>
            void errors.push(`probe: ${error instanceof Error ? error.message : String(error)}`),
        );
      const sampler = setInterval(() => {
        samples.push({ at: (Date.now() - started) / 1000, rss: treeRss(app.child.pid!), done: done() });
        void probe();
      }, sampleEvery * 1000);
      stops.push(async () => clearInterval(sampler));

      const get = async (url: string, kind: keyof typeof counts, cookies?: Cookies) => {
        const t = performance.now();
        try {
          const res = await fetch(`${base}${url}`, { headers: cookies ? { cookie: cookies.header() } : {} });
          await res.arrayBuffer();
          if (res.status !== 200) errors.push(`${res.status} ${url}`);
          else counts[kind]++;
        } catch (error) {
          errors.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
        }
        latencies.push(performance.now() - t);
      };

      let turn = 0;
      const words = ["photo", "trip", "soak", "bench", "album"];
      const browse = async (n: number) => {
        while (Date.now() < end) {
          const photo = photos[turn++ % photos.length]!;
          const person = people[turn % people.length]!;
          // Someone only anonymous visitors see, a different one each time: distinct cached pages.
          const other = others.length ? others[(turn * 7919) % others.length]! : person;
          // A signed-in visitor every other loop: their pages are rendered per request.
          const cookies = n % 2 ? person.cookies : undefined;
          switch (turn % 12) {
            case 0:
              await get("/", "pages", cookies);
              break;
            case 1:
              await get(`/people/${person.handle}`, "pages", cookies);
              break;
            case 2:
              await get(`/people/${other.handle}`, "pages");
              break;
            case 3:
              await get(`/photos/${photo.id}`, "pages", cookies);
              break;
            case 4:
              await get(`/albums/${turn % 2 ? person.album : other.album}`, "pages", cookies);
              break;
            case 5:
              await get(`/search?q=${words[turn % words.length]}`, "pages", cookies);
              break;
            case 6:
              // The feed is a signed-in page; anonymous loops browse Explore's other order instead.
              await get(cookies ? "/feed" : "/?order=interesting", "pages", cookies);
              break;
            case 7:
              await get(`/api/photos?scope=stream&owner=${person.handle}`, "api", cookies);
              break;
            default:
              await get(`${photo.mediaBase}/w${[50, 320, 640][turn % 3]}.webp`, "media", cookies);
          }
          await sleep(50);
        }
      };
      const upload = async (n: number) => {
        const person = people[n % people.length]!;
        let k = 0;
        while (Date.now() < end) {
          try {
            photos.push(
              await uploadPhoto(
                base,
                person.cookies,
                distinctJpeg(jpegs[(n + k++) % jpegs.length]!),
                person.album,
              ),
            );
            counts.uploads++;
          } catch (error) {
            errors.push(`upload: ${error instanceof Error ? error.message : String(error)}`);
          }
          await sleep(2000);
        }
      };
      const progress = setInterval(() => {
        const last = samples.at(-1)!;
        const heap = probes.at(-1);
        context.log(
          `${Math.round(last.at)} s: RSS ${(last.rss / MiB).toFixed(0)} MiB, heap ${
            heap
              ? `${(heap.heapUsed / MiB).toFixed(0)} (live ${(heap.liveHeap / MiB).toFixed(0)}, external ${(heap.external / MiB).toFixed(0)}, caches ${Object.entries(
                  heap.caches,
                )
                  .map(([c, b]) => `${c} ${(b / MiB).toFixed(0)}`)
                  .join(" ")}, shed ${heap.shedEpisodes})`
              : "?"
          } MiB, ${counts.pages} pages, ${counts.media} media, ${counts.api} api, ${counts.uploads} uploads, ${errors.length} errors`,
        );
      }, 60_000);
      stops.push(async () => clearInterval(progress));
      await Promise.all([
        ...Array.from({ length: browsers }, (_, i) => browse(i)),
        ...Array.from({ length: uploaders }, (_, i) => upload(i)),
      ]);
      clearInterval(sampler);
      samples.push({ at: (Date.now() - started) / 1000, rss: treeRss(app.child.pid!), done: done() });
      await probe();
      if (app.child.exitCode !== null || app.child.signalCode !== null)
        errors.push(`the server exited (${app.child.signalCode ?? `code ${app.child.exitCode}`})`);

      // The reference: the first minute's last 20 s (once warm); the end: the last minute's samples.
      const rssIn = (from: number, to: number) =>
        median(samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss));
      const settle = Math.min(20, warmup / 2);
      const first = rssIn(warmup - settle, warmup);
      const last = rssIn(seconds - warmup, seconds + 60);
      const peak = Math.max(...samples.map((s) => s.rss));
      const growth = last / first - 1;
      // Not the goal, a diagnosis: a leak keeps growing through the second half too, while a warm-up
      // slower than the first minute (a busy host) levels off.
      const half = rssIn(seconds / 2 - settle, seconds / 2 + settle);
      const secondHalf = last / half - 1;
      const after = samples.filter((s) => s.at >= warmup);
      const slope = slopePerMinute(after);
      const sorted = [...latencies].sort((a, b) => a - b);
      const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
      context.figure("RSS first minute", (first / MiB).toFixed(0), "MiB");
      context.figure("RSS last minute", (last / MiB).toFixed(0), "MiB");
      context.figure("growth", (growth * 100).toFixed(1), "%");
      context.figure("growth over the second half", (secondHalf * 100).toFixed(1), "%");
      context.figure("errors", errors.length);
      const peakHeap = Math.max(0, ...probes.map((p) => p.heapUsed));
      const peakLive = Math.max(0, ...probes.map((p) => p.liveHeap));
      const peakExternal = Math.max(0, ...probes.map((p) => p.external));
      const heapLimit = probes.at(-1)?.heapLimit ?? 0;
      const shedEpisodes = probes.at(-1)?.shedEpisodes ?? 0;
      context.figure("peak heap", (peakHeap / MiB).toFixed(0), "MiB");
      context.figure("peak live heap (after a full GC)", (peakLive / MiB).toFixed(0), "MiB");
      context.figure("shedding episodes", shedEpisodes);
      const requests = counts.pages + counts.media + counts.api;
      notes.push(
        `${seconds} s (SOAK_SECONDS or --seconds): ${browsers} browsing loops (50 ms between requests; every other one signed in) over Explore (both orders), photostreams (the uploaders' and ${others.length} more people's, whose anonymous pages the page cache keeps), photo pages, albums, search, the feed (signed in), /api/photos and 50/320/640 px thumbnails (4 in 12 requests are media); ${uploaders} uploaders each sending a distinct camera JPEG (test/fixtures/photos/cameras, ${kB(Math.min(...jpegs.map((j) => j.length)))}-${kB(Math.max(...jpegs.map((j) => j.length)))}) into their album through POST /api/uploads, waiting for its thumbnail, then 2 s of rest.`,
        `Resident memory: the sum of VmRSS over the \`next start\` process and its descendants, every ${sampleEvery} s. "First minute": the median of the samples in the last ${settle.toFixed(0)} s of the first ${warmup.toFixed(0)} s (warm-up: JIT, Next's module caches, V8 sizing its heap; the caches stay small here: every upload bumps its owner's page version, and the thumbnails kept are ~1 MB); "last minute": the median of the last ${warmup.toFixed(0)} s; "second half": the last minute against the samples around the middle of the run. After warm-up the trend is ${(slope / MiB).toFixed(1)} MiB/min (least squares). The first ${warmup.toFixed(0)} s saw ${samples.filter((x) => x.at <= warmup).at(-1)?.done ?? 0} of the run's ${done()} requests and uploads: on a busy host the first minute is not much of a warm-up.`,
        `Samples (s: MiB): ${downsample(samples, 12)
          .map((s) => `${Math.round(s.at)}: ${(s.rss / MiB).toFixed(0)}`)
          .join(", ")}.`,
        `Request latency over the run: p50 ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms. Load average after the run: ${os.loadavg()[0]?.toFixed(2)}. ${appEnv.REDIS_URL ? `REDIS_URL=${appEnv.REDIS_URL}.` : "No REDIS_URL (in-memory caches)."}`,
        `Server memory settings (from its /proc command line and environ): ${serverEnv}. Run otherwise with --heap-mb=<MB> (0: Node's own sizing) and --malloc-arena-max=<n>.`,
        `V8 heap (the server's /api/metrics, every ${sampleEvery} s; METRICS_TOKEN set, so request timing is on as in a monitored deployment): limit ${(heapLimit / MiB).toFixed(0)} MiB; used at most ${(peakHeap / MiB).toFixed(0)} MiB; live set (used right after a full collection) at most ${(peakLive / MiB).toFixed(0)} MiB; off-heap (Buffers, ArrayBuffers) at most ${(peakExternal / MiB).toFixed(0)} MiB. In-process caches at the end (MiB, as each counts itself): ${Object.entries(
          probes.at(-1)?.caches ?? {},
        )
          .map(([c, b]) => `${c} ${(b / MiB).toFixed(1)}`)
          .join(
            ", ",
          )}. Heap-pressure shedding episodes: ${shedEpisodes}. Samples (s: used/live MiB): ${downsample(
          probes.map((p) => ({ at: p.at, rss: p.heapUsed, done: p.liveHeap })),
          12,
        )
          .map((p) => `${Math.round(p.at)}: ${(p.rss / MiB).toFixed(0)}/${(p.done / MiB).toFixed(0)}`)
          .join(", ")}.`,
        ...(errors.length ? [`Errors (first 5): ${errors.slice(0, 5).join("; ")}`] : []),
        "Options: --seconds (or SOAK_SECONDS), --browsers, --uploaders, --people (anonymously browsed people, each with a public album of 12 seeded photos), --sample-seconds, --redis=<url>, --heap-mb, --malloc-arena-max, --rebuild, --no-build, --probes=off.",
      );
      return {
        table: {
          columns: [
            "duration",
            "requests",
            "uploads",
            "errors",
            "RSS first minute",
            "RSS last minute",
            "peak RSS",
            "growth",
            "second half",
            "peak heap (live)",
            "shedding",
          ],
          rows: [
            [
              `${seconds} s`,
              String(requests),
              String(counts.uploads),
              String(errors.length),
              `${(first / MiB).toFixed(0)} MiB`,
              `${(last / MiB).toFixed(0)} MiB`,
              `${(peak / MiB).toFixed(0)} MiB`,
              `${(growth * 100).toFixed(1)} %`,
              `${(secondHalf * 100).toFixed(1)} %`,
              `${(peakHeap / MiB).toFixed(0)} (${(peakLive / MiB).toFixed(0)}) of ${(heapLimit / MiB).toFixed(0)} MiB`,
              String(shedEpisodes),
            ],
          ],
        },
        goals: [
          {
            text: "memory grows < 10 % after warm-up",
            measured: `${(growth * 100).toFixed(1)} %`,
            met: growth < 0.1,
          },
          { text: "0 errors", measured: String(errors.length), met: errors.length === 0 },
        ],
        notes,
      } satisfies BenchResult;
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => context.log(`stop failed: ${error}`));
    }
  },
};

/** The server's memory as its /api/metrics reports it (Prometheus text). */
async function readProbe(base: string, token: string, at: number): Promise<Probe> {
  const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/api/metrics answered ${res.status}`);
  const text = await res.text();
  const value = (name: string, labels = "") => {
    const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
    return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
  };
  const caches: Record<string, number> = {};
  for (const match of text.matchAll(/^pinhole_cache_bytes\{cache="([^"]+)"\} (\S+)$/gm))
    caches[match[1]!] = Number(match[2]);
  return {
    at,
    heapUsed: value("nodejs_heap_size_used_bytes"),
    liveHeap: value("pinhole_heap_after_full_gc_bytes", '{of="used"}'),
    heapLimit: value("pinhole_heap_after_full_gc_bytes", '{of="limit"}'),
    external: value("nodejs_external_memory_bytes"),
    caches,
    shedEpisodes: value("pinhole_heap_pressure_episodes_total"),
  };
}

/** V8's heap limit and MALLOC_ARENA_MAX as the process was started with them ("unset" when absent). */
function memorySettings(pid: number): string {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    const heap = cmdline.find((a) => a.startsWith("--max-old-space-size="));
    const arenas = environ.find((e) => e.startsWith("MALLOC_ARENA_MAX="));
    return `${heap ?? "no --max-old-space-size (Node's own sizing)"}, MALLOC_ARENA_MAX=${arenas ? arenas.slice("MALLOC_ARENA_MAX=".length) : "unset"}`;
  } catch {
    return "unknown (no /proc)";
  }
}

function slopePerMinute(samples: Sample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.at, 0) / n;
  const my = samples.reduce((a, s) => a + s.rss, 0) / n;
  const num = samples.reduce((a, s) => a + (s.at - mx) * (s.rss - my), 0);
  const den = samples.reduce((a, s) => a + (s.at - mx) ** 2, 0);
  return den ? (num / den) * 60 : 0;
}

function downsample(samples: Sample[], count: number): Sample[] {
  if (samples.length <= count) return samples;
  const step = (samples.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => samples[Math.round(i * step)]!);
}
