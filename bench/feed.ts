// feed: the home feed's data function (listFeed, in-process) for one reader following 500 of 5 000
// people with 1 000 000 photos between them, page 1 and page 50 (reached by walking the cursors),
// against the same SQL run directly with pg. ~200 timed runs of each case in alternating turns. The
// database is the embedded PostgreSQL under .test-data/bench-feed (or DATABASE_URL), migrated and
// seeded once (bench/seed/photos.ts, bench/seed/follows.ts).
import path from "node:path";
import type { FeedStart, FeedTimes } from "./feed/runner";
import { startTsChild } from "./lib/child";
import type { Benchmark, Goal } from "./lib/types";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export const benchmark: Benchmark = {
  id: "feed",
  title: "home feed data function, page 1 and page 50, 500 followed of 5 000 people, 1 000 000 photos",
  async run(context) {
    const runs = Number(context.options.runs ?? 200);
    const users = Number(context.options.users ?? 5000);
    const photos = Number(context.options.photos ?? 1_000_000);
    const follows = Number(context.options.follows ?? 500);
    const dataDir = path.join(context.root, ".test-data", "bench-feed");
    context.log(process.env.DATABASE_URL ? "database: DATABASE_URL" : `database: embedded, in ${dataDir}`);
    const runner = startTsChild(context.root, path.join("bench", "feed", "runner.ts"), [
      dataDir,
      String(users),
      String(photos),
      String(follows),
    ]);
    try {
      const started = await runner.request<FeedStart>("start");
      const { seed } = started;
      context.log(
        seed.seeded
          ? `seeded ${seed.users} people and ${seed.photos} photos in ${seed.seconds.toFixed(1)} s`
          : `reusing the seed (${seed.users} people, ${seed.photos} photos)`,
      );
      if (seed.seeded) context.figure("seed time", seed.seconds.toFixed(1), "s");
      context.log(`measuring ${runs} runs of each case`);
      const m = await runner.request<FeedTimes>(`measure ${runs}`);

      const stat = (id: keyof FeedTimes["times"]) => ({
        p50: quantile(m.times[id], 0.5),
        p99: quantile(m.times[id], 0.99),
      });
      const fn1 = stat("fn1");
      const fn50 = stat("fn50");
      const cached1 = stat("cached1");
      const cached50 = stat("cached50");
      const pg1 = stat("pg1");
      const pg50 = stat("pg50");
      for (const [id, s] of Object.entries({ fn1, fn50, cached1, cached50, pg1, pg50 })) {
        context.figure(`${id} p50`, s.p50.toFixed(2), "ms");
        context.figure(`${id} p99`, s.p99.toFixed(2), "ms");
      }
      const ratio = fn50.p99 / fn1.p99;
      const goals: Goal[] = [
        { text: "page 1 p99 ≤ 20 ms", measured: `${fn1.p99.toFixed(1)} ms`, met: fn1.p99 <= 20 },
        { text: "page 50 p99 ≤ 20 ms", measured: `${fn50.p99.toFixed(1)} ms`, met: fn50.p99 <= 20 },
        { text: "page 50 within 1.2× page 1 (p99)", measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.2 },
      ];
      const row = (label: string, how: string, s: { p50: number; p99: number }) => [
        label,
        how,
        s.p50.toFixed(2),
        s.p99.toFixed(2),
      ];
      return {
        table: {
          columns: ["case", "how", "p50 ms", "p99 ms"],
          rows: [
            row("readFeedPage page 1", "a cache miss: Prisma $queryRaw + cards, in-process", fn1),
            row("readFeedPage page 50", "cursor from walking pages 1-49", fn50),
            row("listFeed page 1, cached", "fingerprint query + feed cache hit (memory)", cached1),
            row("listFeed page 50, cached", "fingerprint query + feed cache hit (memory)", cached50),
            row("bare pg page 1", "the same statements and values, pg.Client", pg1),
            row("bare pg page 50", "the same statements and values, pg.Client", pg50),
          ],
        },
        goals,
        notes: [
          `${seed.users} people, ${seed.photos} photos; the reader follows ${started.follows.follows}; ${m.pageSize} photos a page (page 1: ${m.page1}, page 50: ${m.page50}). ${runs} timed runs of each case after 20 warm-up rounds, cases in alternating turns.`,
          `The goals are held against the cache miss (readFeedPage). Its first statement walks everyone's newest photos (photos_feed_recent_idx) below the cursor and keeps the followed ones the reader may see, stopping at a page; when that cannot fill a page it walks photos(owner_id, created_at DESC, id DESC) per followee. The cost depends on the page size and the share of photos from followees, not on the page number.`,
          `Same rows from listFeed and bare pg on page 50: ${m.sameRows ? "yes" : "NO"}. Same page 50 from the newest-first plan and the per-followee walk: ${m.sameAsWalk ? "yes" : "NO"}.`,
          ...m.plans.map((p) => `EXPLAIN ANALYZE ${p}`),
        ],
      };
    } finally {
      await runner.close();
    }
  },
};
