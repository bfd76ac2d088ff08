// search: searchPhotos (src/server/data/search-photos.ts) over 1 000 000 photos, in-process, against
// the same SQL run straight through `pg`: 200 queries of 1–3 words drawn from the seed's vocabulary
// with its frequencies (so common words come up as often as they would), as a person who sees
// public photos, their own, and some shared with them. The database is the embedded PostgreSQL under
// .test-data/bench-search (or DATABASE_URL), migrated and seeded once.
import path from "node:path";
import os from "node:os";
import { startTsChild } from "./lib/child";
import type { Benchmark, Goal } from "./lib/types";
import { searchVocabulary, WORD_SKEW } from "./seed/search";
import type { RunAnswer, StartAnswer } from "./search/worker";

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

/** Deterministic queries: 1–3 words, drawn like the seed draws them, some with a typo or cut short. */
function queries(count: number): string[] {
  const vocab = searchVocabulary();
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => vocab[Math.floor(vocab.length * Math.pow(random(), WORD_SKEW))]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + (i % 3) }, word);
    if (i % 10 === 7) words[words.length - 1] = words.at(-1)!.slice(0, -2); // typing, a prefix
    if (i % 20 === 9) words[0] = words[0]!.slice(0, 2) + words[0]!.slice(3); // a typo
    out.push(words.join(" "));
  }
  return out;
}

export const benchmark: Benchmark = {
  id: "search",
  title: "searchPhotos over 1 000 000 photos (200 queries of 1–3 words) against the same SQL through pg",
  async run(context) {
    const photos = Number(context.options.photos ?? 1_000_000);
    const users = Number(context.options.users ?? 1000);
    const count = Number(context.options.queries ?? 200);
    const dataDir = path.join(context.root, ".test-data", "bench-search");
    const worker = startTsChild(context.root, path.join("bench", "search", "worker.ts"), [
      dataDir,
      String(users),
      String(photos),
    ]);
    try {
      context.log(process.env.DATABASE_URL ? "database: DATABASE_URL" : `database: embedded, in ${dataDir}`);
      const db = await worker.request<StartAnswer>("start");
      context.log(
        db.seeded
          ? `seeded ${db.users} people and ${db.photos} photos in ${db.seconds.toFixed(1)} s`
          : `reusing the seed (${db.users} people, ${db.photos} photos)`,
      );
      if (db.seeded) context.figure("seed time", db.seconds.toFixed(1), "s");

      const list = queries(count);
      const run = await worker.request<RunAnswer>(`run ${JSON.stringify({ queries: list, warmup: 1 })}`);
      const stats = (xs: number[]) => ({
        p50: percentile(xs, 50),
        p95: percentile(xs, 95),
        p99: percentile(xs, 99),
      });
      const fn = stats(run.fn);
      const direct = stats(run.direct);
      const ratio = fn.p95 / direct.p95;
      context.figure("searchPhotos p95", fn.p95.toFixed(1), "ms");
      context.figure("direct SQL p95", direct.p95.toFixed(1), "ms");
      context.figure("p95 ÷ direct", ratio.toFixed(2), "×");

      const slowest = list
        .map((q, i) => ({ q, ms: run.fn[i]!, rows: run.rows[i]! }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5);
      const goals: Goal[] = [
        { text: "p95 ≤ 30 ms (searchPhotos)", measured: `${fn.p95.toFixed(1)} ms`, met: fn.p95 <= 30 },
        { text: "p95 ≤ 1.3× the direct SQL", measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.3 },
      ];
      return {
        table: {
          columns: ["contender", "p50 ms", "p95 ms", "p99 ms", "max ms"],
          rows: [
            ["searchPhotos (Prisma $queryRaw, in-process)", ...fmt(fn), Math.max(...run.fn).toFixed(1)],
            ["the same SQL through pg", ...fmt(direct), Math.max(...run.direct).toFixed(1)],
          ],
        },
        goals,
        notes: [
          `Data: ${db.users} people, ${db.photos} photos; titles 2–4 words, tags 1–4, descriptions 0–12, from ~4 000 words with a long tail (the commonest word is about one pick in 600, in about 2 % of photos). 80 % public, 12 % private, 8 % shared. The viewer (${db.viewer}) sees public photos, their own, and what the person before them shares.`,
          `${count} queries, one at a time, each run once unmeasured first; the two contenders alternate which goes first. ${run.fuzzy.filter(Boolean).length} answered by a fallback (the last word as a prefix, or typos corrected), ${run.rows.filter((r) => r === 0).length} found nothing, ${run.mismatches} differed between the two (should be 0).`,
          `Slowest: ${slowest.map((s) => `"${s.q}" ${s.ms.toFixed(1)} ms (${s.rows} rows)`).join("; ")}.`,
          `Load average after the run: ${os.loadavg()[0]?.toFixed(2)}.`,
          "Options: --photos, --users, --queries.",
        ],
      };
    } finally {
      await worker.close();
    }
  },
};

function fmt(s: { p50: number; p95: number; p99: number }): string[] {
  return [s.p50.toFixed(1), s.p95.toFixed(1), s.p99.toFixed(1)];
}
