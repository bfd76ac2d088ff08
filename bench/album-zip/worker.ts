// The album-zip benchmark's process (server-only modules need the react-server condition, which
// bench/lib/child.ts gives): `worker.ts <dataDir>`. "start" brings the database up (DATABASE_URL if set,
// else the embedded PostgreSQL under <dataDir>), migrates, and seeds once an owner with two public
// albums, of SMALL and LARGE photos, whose originals are real JPEGs on local disk; "run <json>" streams
// one album's ZIP through albumZipResponse as a slow client reads it, sampling this process's RSS.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { seedUser } from "../../prisma/seed/users";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";

export const SMALL = 200;
export const LARGE = 2000;

export interface StartAnswer {
  seeded: boolean;
  originalBytes: number;
}
export interface RunRequest {
  size: "small" | "large";
  /** owner: originals as uploaded; visitor: location-free originals (allow_original) */
  as: "owner" | "visitor";
  /** The reading client's pace, MB/s. */
  mbPerSecond: number;
}
export interface RunAnswer {
  bytes: number;
  seconds: number;
  baselineMb: number;
  peakMb: number;
  /** The highest RSS in each quarter of the run: flat means the last is no higher than the first. */
  quarterPeaksMb: number[];
  /** V8's live heap after a full collection once the ZIP is complete, less the same before it started. */
  retainedHeapMb: number;
}

// A full collection on demand, to tell what is kept alive from garbage not yet collected.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const [dataDir = ".test-data/bench-album-zip"] = process.argv.slice(2);
const fixtures = path.resolve("test/fixtures/photos");
let embedded: EmbeddedDatabase | undefined;
const albums: Record<"small" | "large", string> = { small: "", large: "" };
let ownerId = "";

async function start(): Promise<StartAnswer> {
  let url = process.env.DATABASE_URL ?? "";
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  process.env.DATABASE_URL = url;
  process.env.STORAGE_DRIVER = "local";
  process.env.LOCAL_STORAGE_DIR = path.join(dataDir, "media");
  process.env.LOG_LEVEL = "warn";
  await migrate(url);
  const { storage } = await import("@/server/storage/storage");
  // Real photos of 0.03 to 2 MB: the camera set and the two large ones.
  const files = [
    ...readdirSync(path.join(fixtures, "cameras")).map((f) => path.join(fixtures, "cameras", f)),
    ...readdirSync(path.join(fixtures, "large")).map((f) => path.join(fixtures, "large", f)),
  ].filter((f) => f.endsWith(".jpg"));
  const sizes: number[] = [];
  for (const [i, file] of files.entries()) {
    const bytes = readFileSync(file);
    sizes.push(bytes.length);
    await storage().put(`bench/${i}.jpg`, bytes, { contentType: "image/jpeg" });
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const { rows } = await pool.query<{ id: string; owner_id: string; title: string }>(
      "SELECT id, owner_id, title FROM albums WHERE title IN ('bench-zip-small', 'bench-zip-large')",
    );
    const seeded = rows.length === 2;
    if (!seeded) {
      const owner = await seedUser(pool);
      for (const [size, n] of [
        ["small", SMALL],
        ["large", LARGE],
      ] as const) {
        const { rows: made } = await pool.query<{ id: string }>(
          "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, $2, 'PUBLIC') RETURNING id",
          [owner.id, `bench-zip-${size}`],
        );
        const album = made[0]!.id;
        // Many rows share each stored file (the original key is not unique): what is measured is the
        // streaming, not the disk.
        await pool.query(
          `WITH p AS (
             INSERT INTO photos (owner_id, album_id, title, visibility, status, allow_original,
                                 original_key, original_name, mime_type, byte_size, sha256, width, height)
             SELECT $1, $2, 'Photo ' || i, 'PUBLIC', 'READY', true, 'bench/' || (i % $4) || '.jpg',
                    'photo-' || i || '.jpg', 'image/jpeg', 1, md5(random()::text), 640, 480
             FROM generate_series(1, $3::int) i RETURNING id, original_key)
           INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size)
           SELECT id, 2048, 1536, 'webp', original_key, 1 FROM p`,
          [owner.id, album, n, files.length],
        );
      }
    }
    const { rows: now } = await pool.query<{ id: string; owner_id: string; title: string }>(
      "SELECT id, owner_id, title FROM albums WHERE title IN ('bench-zip-small', 'bench-zip-large')",
    );
    for (const a of now) albums[a.title === "bench-zip-small" ? "small" : "large"] = a.id;
    ownerId = now[0]!.owner_id;
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    return { seeded: !seeded, originalBytes: Math.round(average * LARGE) };
  } finally {
    await pool.end();
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function run(request: RunRequest): Promise<RunAnswer> {
  const { albumZipResponse } = await import("@/server/media/album-zip");
  const viewer = request.as === "owner" ? { id: ownerId, role: "USER" as const } : null;
  gc();
  const baseline = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const samples: { at: number; rss: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    samples.push({ at: performance.now() - started, rss: process.memoryUsage().rss });
  }, 20);
  const response = await albumZipResponse(viewer, albums[request.size], new AbortController().signal);
  const reader = response.body!.getReader();
  let bytes = 0;
  // A client reading at a set pace: a producer that ignored backpressure would pile the archive up here.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    const due = (mb(bytes) / request.mbPerSecond) * 1000 - (performance.now() - started);
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
  }
  clearInterval(sampler);
  gc();
  const retainedHeapMb = mb(process.memoryUsage().heapUsed - heapBefore);
  const elapsed = performance.now() - started;
  samples.push({ at: elapsed, rss: process.memoryUsage().rss });
  const quarterPeaksMb = [0, 1, 2, 3].map((q) =>
    mb(
      Math.max(
        ...samples
          .filter((s) => s.at >= (q * elapsed) / 4 && s.at <= ((q + 1) * elapsed) / 4)
          .map((s) => s.rss),
      ),
    ),
  );
  return {
    bytes,
    seconds: elapsed / 1000,
    baselineMb: mb(baseline),
    peakMb: Math.max(mb(baseline), ...quarterPeaksMb),
    quarterPeaksMb,
    retainedHeapMb,
  };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, ...rest] = line.split(" ");
  const answer = command === "start" ? await start() : await run(JSON.parse(rest.join(" ")) as RunRequest);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await embedded?.stop();
