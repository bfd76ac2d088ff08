import "server-only";
import { visiblePhotoSql } from "@/server/policy/access";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";

/** Photos older than this score 0: explore's "interesting" order is about what is new and liked. */
export const INTERESTING_WINDOW_DAYS = 30;

const RUN_NAME = "interestingness";

export interface RecomputeResult {
  /** False when another server is recomputing, or one did within the interval. */
  ran: boolean;
  /** Photos whose score changed (and so were written). */
  updated: number;
}

/**
 * Recomputes every photo's explore score in one set-based UPDATE, like Flickr's interestingness:
 * (3 × favorites + 2 × comments + 1) / (hours since upload + 2)^1.5, so a photo people like rises and
 * every photo sinks with age. Only what explore can show (visiblePhotoSql for an anonymous visitor)
 * within the last INTERESTING_WINDOW_DAYS scores; anything else (older, private, hidden, deleted,
 * not ready) falls to 0.
 *
 * Scores keep 3 significant digits: between two runs most scores then round to the same value and
 * the row is not written (each write is a dead tuple and an index entry). Only changed rows are written,
 * and never `updated_at`, which the photos page-version trigger ignores along with the score.
 *
 * Runs at most once per `minIntervalSeconds` across every app server: an advisory lock keeps two from
 * running at once (a second one skips rather than waits), and `scheduled_runs` records the last run.
 */
export async function recomputeInterestingness(options: {
  minIntervalSeconds: number;
  now?: Date;
}): Promise<RecomputeResult> {
  const now = options.now ?? new Date();
  const at = Prisma.sql`${now.toISOString()}::timestamptz`;
  return db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>(
        Prisma.sql`SELECT pg_try_advisory_xact_lock(hashtext('pinhole:recompute-interestingness')) AS locked`,
      );
      if (!lock?.locked) return { ran: false, updated: 0 };
      // Claims the run: no row back means a run within the interval, on this server or another.
      const claimed = await tx.$executeRaw(Prisma.sql`
        INSERT INTO scheduled_runs (name, ran_at) VALUES (${RUN_NAME}, ${at})
        ON CONFLICT (name) DO UPDATE SET ran_at = EXCLUDED.ran_at
        WHERE scheduled_runs.ran_at <= ${at} - make_interval(secs => ${options.minIntervalSeconds})
           OR scheduled_runs.ran_at > ${at}`);
      if (claimed === 0) return { ran: false, updated: 0 };
      const updated = await tx.$executeRaw(recomputeSql(at));
      return { ran: true, updated };
    },
    // The UPDATE touches every recent photo; more than the 5 s default on a large site.
    { timeout: 120_000, maxWait: 10_000 },
  );
}

function recomputeSql(at: Prisma.Sql): Prisma.Sql {
  const since = Prisma.sql`${at} - make_interval(days => ${INTERESTING_WINDOW_DAYS})`;
  const hours = Prisma.sql`greatest(extract(epoch FROM ${at} - p.created_at) / 3600, 0)`;
  const raw = Prisma.sql`(3.0 * p.favorite_count + 2.0 * p.comment_count + 1.0) / power(${hours} + 2, 1.5)`;
  // raw > 0 always (the numerator is at least 1), so log10 is defined: round to 3 significant digits.
  const rounded = Prisma.sql`round((${raw})::numeric, (2 - floor(log((${raw})::numeric)))::int)::float8`;
  // Candidates: recent photos that could score, and any photo still holding a score (to reset it to
  // 0). Each side has its partial index (photos_feed_recent_idx, photos_scored_idx), so a run reads
  // the window, not the table; anything else would score 0 and already has 0.
  return Prisma.sql`
    WITH scored AS (
      SELECT p.id,
             CASE WHEN p.created_at > ${since} AND ${visiblePhotoSql(null)} THEN ${rounded} ELSE 0 END AS score
      FROM photos p
      WHERE (p.created_at > ${since} AND p.status = 'READY' AND p.deleted_at IS NULL)
         OR p.interestingness <> 0
    )
    UPDATE photos SET interestingness = scored.score
    FROM scored
    WHERE photos.id = scored.id AND photos.interestingness IS DISTINCT FROM scored.score`;
}
