// The feed benchmark's follows: one reader (the first bench person) follows `count` others spread
// evenly over everyone, in one statement (500 rows: no need for COPY; the photos are generated inside
// PostgreSQL by seed/photos.ts). Plain `pg`, no server-only modules. Idempotent: a reader who already
// follows that many is left alone.
import type pg from "pg";
import { benchHandle } from "./photos";

export interface FollowSeed {
  readerId: string;
  readerHandle: string;
  follows: number;
  seconds: number;
}

export async function seedFollows(pool: pg.Pool, users: number, count: number): Promise<FollowSeed> {
  const started = performance.now();
  const readerHandle = benchHandle(1);
  const { rows } = await pool.query<{ id: string; handle: string }>(
    "SELECT id, handle FROM users WHERE handle LIKE 'bench-%' ORDER BY handle LIMIT $1",
    [users],
  );
  const reader = rows.find((r) => r.handle === readerHandle);
  if (!reader) throw new Error(`no ${readerHandle}: seed the photos first`);
  const { rows: have } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM follows WHERE follower_id = $1",
    [reader.id],
  );
  if ((have[0]?.n ?? 0) >= count) {
    return { readerId: reader.id, readerHandle, follows: have[0]!.n, seconds: 0 };
  }
  const others = rows.filter((r) => r.id !== reader.id);
  const step = others.length / count;
  const followees = Array.from({ length: count }, (_, i) => others[Math.floor(i * step)]!.id);
  await pool.query(
    `INSERT INTO follows (follower_id, followee_id, created_at)
     SELECT $1::uuid, f, now() - interval '1 day' FROM unnest($2::uuid[]) AS f ON CONFLICT DO NOTHING`,
    [reader.id, followees],
  );
  await pool.query("ANALYZE follows");
  return { readerId: reader.id, readerHandle, follows: count, seconds: (performance.now() - started) / 1000 };
}
