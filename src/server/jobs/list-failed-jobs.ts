import "server-only";
import { db } from "@/server/db/client";
import { requireAdmin } from "@/server/policy/admin";
import type { Viewer } from "@/server/policy/viewer";

export interface FailedJob {
  id: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date;
  photoId: string | null;
}

/** Jobs that failed for good (out of attempts), newest first: what an admin may retry. */
export async function listFailedJobs(viewer: Viewer, limit = 100): Promise<FailedJob[]> {
  requireAdmin(viewer);
  const rows = await db().$primary().$queryRaw<
    {
      id: bigint;
      kind: string;
      attempts: number;
      last_error: string | null;
      updated_at: Date;
      key: string | null;
    }[]
  >`
    SELECT id, task_identifier AS kind, attempts, last_error, updated_at, key
      FROM graphile_worker.jobs
     WHERE attempts >= max_attempts AND locked_at IS NULL
     ORDER BY updated_at DESC
     LIMIT ${limit}`;
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    attempts: r.attempts,
    lastError: r.last_error,
    failedAt: r.updated_at,
    // A photo job's key ends with its photo (enqueue.ts).
    photoId: r.kind === "process-photo" && r.key ? (r.key.split(":")[2] ?? null) : null,
  }));
}

export async function countFailedJobs(viewer: Viewer): Promise<number> {
  requireAdmin(viewer);
  const [row] = await db().$primary().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE attempts >= max_attempts AND locked_at IS NULL`;
  return row?.n ?? 0;
}
