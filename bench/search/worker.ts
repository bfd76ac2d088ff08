// The search benchmark's database and contenders in one process (server-only modules need the
// react-server condition, which bench/lib/child.ts gives): `worker.ts <dataDir> <users> <photos>`.
// "start" brings the database up (DATABASE_URL if set, else the embedded PostgreSQL under <dataDir>),
// migrates and seeds once; "run <json>" times each query through searchPhotos and through `pg`
// running the same SQL, alternating which goes first. One JSON line answers each request.
import { createInterface } from "node:readline";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import type { Correction } from "@/server/data/search-photos";
import { seedSearch, searchHandle, type SearchSeed } from "../seed/search";

export interface StartAnswer extends SearchSeed {
  url: string;
  viewer: string;
}
export interface RunRequest {
  queries: string[];
  /** Each query runs this many times per contender; the first runs (warm-up) are not kept. */
  warmup: number;
}
export interface RunAnswer {
  /** Milliseconds per query, in query order. */
  fn: number[];
  direct: number[];
  /** Rows on the first page for each query, and whether the typo fallback answered. */
  rows: number[];
  fuzzy: boolean[];
  mismatches: number;
}

const [dataDir = ".test-data/bench-search", users = "1000", photos = "1000000"] = process.argv.slice(2);
let embedded: EmbeddedDatabase | undefined;
let url = "";
let viewerId = "";

async function start(): Promise<StartAnswer> {
  url = process.env.DATABASE_URL ?? "";
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  process.env.DATABASE_URL = url;
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const seed = await seedSearch(pool, Number(users), Number(photos));
    // Person 2 sees the public photos, their own, what person 1 shares with them (photos and an album).
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM users WHERE handle = $1", [
      searchHandle(2),
    ]);
    viewerId = rows[0]!.id;
    return { ...seed, url, viewer: searchHandle(2) };
  } finally {
    await pool.end();
  }
}

async function run(request: RunRequest): Promise<RunAnswer> {
  const { searchPhotos, searchSql } = await import("@/server/data/search-photos");
  const viewer = { id: viewerId, role: "USER" as const };
  // As the app's client (src/server/db/client.ts) connects.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: "-c jit=off" });
  const direct = async (q: string) => {
    const plan = searchSql(viewer, { q })!;
    const rows = (await pool.query<{ id: string }>(plan.text.text, plan.text.values)).rows;
    if (rows.length > 0) return rows.map((r) => r.id).slice(0, plan.limit);
    if (plan.prefix) {
      const prefixed = (await pool.query<{ id: string }>(plan.prefix.text, plan.prefix.values)).rows;
      if (prefixed.length > 0) return prefixed.map((r) => r.id).slice(0, plan.limit);
    }
    const corrections = await pool.query<Correction>(plan.corrections.text, plan.corrections.values);
    const fuzzy = plan.fuzzy(corrections.rows);
    if (!fuzzy) return [];
    return (await pool.query<{ id: string }>(fuzzy.text, fuzzy.values)).rows
      .map((r) => r.id)
      .slice(0, plan.limit);
  };
  const viaFunction = async (q: string) => (await searchPhotos(viewer, { q })).photos.map((p) => p.id);
  const time = async (f: () => Promise<string[]>) => {
    const t = performance.now();
    const ids = await f();
    return { ms: performance.now() - t, ids };
  };

  const answer: RunAnswer = { fn: [], direct: [], rows: [], fuzzy: [], mismatches: 0 };
  try {
    for (const [i, q] of request.queries.entries()) {
      for (let w = 0; w < request.warmup; w++) {
        await viaFunction(q);
        await direct(q);
      }
      const first = i % 2 === 0 ? "fn" : "direct";
      const a = await time(() => (first === "fn" ? viaFunction(q) : direct(q)));
      const b = await time(() => (first === "fn" ? direct(q) : viaFunction(q)));
      const [fn, dir] = first === "fn" ? [a, b] : [b, a];
      answer.fn.push(fn.ms);
      answer.direct.push(dir.ms);
      answer.rows.push(fn.ids.length);
      const plan = searchSql(viewer, { q })!;
      answer.fuzzy.push(
        fn.ids.length > 0 && (await pool.query(plan.text.text, plan.text.values)).rows.length === 0,
      );
      if (fn.ids.join() !== dir.ids.join()) answer.mismatches++;
    }
  } finally {
    await pool.end();
  }
  return answer;
}

try {
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, ...rest] = line.trim().split(" ");
    if (command === "start") console.log(JSON.stringify(await start()));
    else if (command === "run")
      console.log(JSON.stringify(await run(JSON.parse(rest.join(" ")) as RunRequest)));
    else throw new Error(`unknown request: ${line}`);
  }
} finally {
  await embedded?.stop();
}
