// The feed benchmark's worker, in a process of its own (listFeed is a server-only module: this needs
// the react-server condition that bench/lib/child.ts gives): `runner.ts <dataDir> <users> <photos>
// <follows>`. "start" brings the database up (DATABASE_URL if set, else the embedded PostgreSQL under
// <dataDir>), migrates and seeds once; "measure <runs>" times listFeed in-process and the same SQL
// run directly with pg, page 1 and page 50, in alternating turns. Each answers with one JSON line.
import { createInterface } from "node:readline";
import pg from "pg";
import type { FeedRow } from "@/server/data/list-feed";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { seedFollows, type FollowSeed } from "../seed/follows";
import { seedBrowsing, type SeedResult } from "../seed/photos";

export interface FeedStart {
  seed: SeedResult;
  follows: FollowSeed;
  embedded: boolean;
}

export interface FeedTimes {
  /** Milliseconds per call, one list per case, in run order. */
  times: Record<"fn1" | "fn50" | "cached1" | "cached50" | "pg1" | "pg50", number[]>;
  /** Photos on page 1 and on page 50, and the page size. */
  page1: number;
  page50: number;
  pageSize: number;
  /** EXPLAIN (ANALYZE, BUFFERS) summary lines for page 1 and page 50. */
  plans: string[];
  sameRows: boolean;
  /** The newest-first plan and the per-followee walk give page 50 alike. */
  sameAsWalk: boolean;
}

const [dataDir = ".test-data/bench-feed", users = "5000", photos = "1000000", follows = "500"] =
  process.argv.slice(2);
let embedded: EmbeddedDatabase | undefined;
let state: { url: string; follows: FollowSeed } | undefined;

async function start(): Promise<FeedStart> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const seed = await seedBrowsing(pool, { users: Number(users), photos: Number(photos) });
    const followSeed = await seedFollows(pool, Number(users), Number(follows));
    state = { url, follows: followSeed };
    return { seed, follows: followSeed, embedded: Boolean(embedded) };
  } finally {
    await pool.end();
  }
}

async function measure(runs: number): Promise<FeedTimes> {
  if (!state) throw new Error("start first");
  // The app's own modules read DATABASE_URL when first used.
  process.env.DATABASE_URL = state.url;
  const { listFeed, readFeedPage, feedRows, recentFeedQuery, FEED_RECENT_WINDOW } =
    await import("@/server/data/list-feed");
  const { PAGE_SIZE } = await import("@/server/data/list-photos");
  const viewer = { id: state.follows.readerId, role: "USER" as const };

  // Walk the cursors to page 50, as a reader scrolling would.
  const cursors: (string | null)[] = [null];
  let page = await listFeed(viewer, { cursor: null });
  const page1 = page.photos.length;
  while (cursors.length < 50 && page.nextCursor) {
    cursors.push(page.nextCursor);
    page = await listFeed(viewer, { cursor: page.nextCursor });
  }
  if (cursors.length < 50) throw new Error(`the feed has only ${cursors.length} pages`);
  const c50 = cursors[49]!;
  const page50 = (await listFeed(viewer, { cursor: c50 })).photos.length;

  // The bare baseline: the same statements, in the same order, through a plain pg client.
  const client = new pg.Client({ connectionString: state.url });
  await client.connect();
  type Sql = ReturnType<typeof recentFeedQuery>;
  const statements: string[] = [];
  const viaPg = async (q: Sql) => {
    statements.push(q.text.slice(0, 40));
    return (await client.query<FeedRow>(q.text, q.values)).rows;
  };
  const bare = (cursor: string | null) => feedRows(viewer, cursor, PAGE_SIZE + 1, viaPg);
  const q1 = recentFeedQuery(viewer, null, PAGE_SIZE + 1, FEED_RECENT_WINDOW);
  const q50 = recentFeedQuery(viewer, c50, PAGE_SIZE + 1, FEED_RECENT_WINDOW);
  await bare(null);
  const statementsPage1 = statements.length;
  statements.length = 0;
  await bare(c50);
  const statementsPage50 = statements.length;

  const sameRows =
    JSON.stringify((await bare(c50)).slice(0, PAGE_SIZE).map((r) => r.id)) ===
    JSON.stringify((await listFeed(viewer, { cursor: c50 })).photos.map((p) => p.id));
  const idsOf = (p: { photos: { id: string }[] }) => JSON.stringify(p.photos.map((x) => x.id));
  const sameAsWalk =
    idsOf(await readFeedPage(viewer, c50, PAGE_SIZE)) ===
    idsOf(await readFeedPage(viewer, c50, PAGE_SIZE, 0));

  const plans: string[] = [];
  for (const [label, q] of [
    ["page 1", q1],
    ["page 50", q50],
  ] as const) {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${q.text}`,
      q.values,
    );
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const summary = [
      lines.find((l) => /Buffers/.test(l)),
      ...lines.filter((l) => /Planning Time|Execution Time|JIT/.test(l)),
    ].filter((l): l is string => Boolean(l));
    plans.push(
      `${label} (first of ${label === "page 1" ? statementsPage1 : statementsPage50} statements): ${summary.map((l) => l.trim()).join("; ")}`,
    );
  }

  const cases = {
    // Every cache miss: the database path alone.
    fn1: () => readFeedPage(viewer, null, PAGE_SIZE),
    fn50: () => readFeedPage(viewer, c50, PAGE_SIZE),
    // The app's path once the page is cached: the fingerprint query and the cache read.
    cached1: () => listFeed(viewer, { cursor: null }),
    cached50: () => listFeed(viewer, { cursor: c50 }),
    pg1: () => bare(null),
    pg50: () => bare(c50),
  };
  const times: FeedTimes["times"] = { fn1: [], fn50: [], cached1: [], cached50: [], pg1: [], pg50: [] };
  const ids = Object.keys(cases) as (keyof typeof cases)[];
  // Warm-up (JIT, plan caches, buffers), then alternating turns so drift hits every case alike.
  for (let i = 0; i < 20; i++) for (const id of ids) await cases[id]();
  for (let i = 0; i < runs; i++) {
    for (const id of ids) {
      const t = performance.now();
      await cases[id]();
      times[id].push(performance.now() - t);
    }
  }
  await client.end();
  return { times, page1, page50, pageSize: PAGE_SIZE, plans, sameRows, sameAsWalk };
}

try {
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === "start") console.log(JSON.stringify(await start()));
    else if (command === "measure") console.log(JSON.stringify(await measure(Number(arg ?? 200))));
    else throw new Error(`unknown request: ${line}`);
  }
} finally {
  await embedded?.stop();
}
// Prisma's pool would keep the process alive once stdin closes.
process.exit(0);
