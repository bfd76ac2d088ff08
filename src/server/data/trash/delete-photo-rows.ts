import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { DbTransaction } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/enqueue";
import { VARIANT_LADDER } from "@/server/images/variants";
import { variantKey } from "@/server/storage/keys";

interface DeletedRow {
  id: string;
  owner_id: string;
  album_id: string;
  is_default: boolean;
  original_key: string;
  /** The stored original without its location (shared-original.ts), if it was made. */
  shared_original_key: string | null;
  variant_keys: string[];
}

/**
 * Deletes trashed photo rows for good (their comments, favourites, grants and links go with them by
 * cascade) and queues the removal of their files in the same transaction. One statement decides and
 * deletes, so a photo restored a moment ago is never deleted nor has its files removed. Returns how
 * many went.
 */
export async function deletePhotoRows(
  tx: Pick<DbTransaction, "$queryRaw" | "$executeRaw">,
  where: { ids: string[]; ownerId?: string } | { deletedBefore: Date; limit: number },
): Promise<number> {
  const match =
    "ids" in where
      ? where.ownerId
        ? tx.$queryRaw<DeletedRow[]>`
            WITH gone AS (
              DELETE FROM photos WHERE id = ANY(${where.ids}::uuid[]) AND owner_id = ${where.ownerId}::uuid
                AND deleted_at IS NOT NULL
              RETURNING id, owner_id, album_id, original_key, shared_original_key)
            ${selectDeleted()}`
        : tx.$queryRaw<DeletedRow[]>`
            WITH gone AS (
              DELETE FROM photos WHERE id = ANY(${where.ids}::uuid[]) AND deleted_at IS NOT NULL
              RETURNING id, owner_id, album_id, original_key, shared_original_key)
            ${selectDeleted()}`
      : tx.$queryRaw<DeletedRow[]>`
          WITH gone AS (
            DELETE FROM photos WHERE id IN (
              SELECT id FROM photos WHERE deleted_at < ${where.deletedBefore}::timestamptz
              ORDER BY deleted_at LIMIT ${where.limit}::int FOR UPDATE SKIP LOCKED)
            RETURNING id, owner_id, album_id, original_key, shared_original_key)
          ${selectDeleted()}`;
  const rows = await match;
  if (rows.length === 0) return 0;
  // Every key a processing run could write, recorded or not: a job may still be running.
  const keys = rows.flatMap((p) => [
    p.original_key,
    ...(p.shared_original_key ? [p.shared_original_key] : []),
    ...p.variant_keys,
    ...VARIANT_LADDER.map((width) =>
      variantKey({
        ownerId: p.owner_id,
        albumId: p.is_default ? null : p.album_id,
        photoId: p.id,
        width,
        format: "webp",
      }),
    ),
  ]);
  // Delayed a little so a processing run in flight has finished writing before its files go.
  await enqueueJob(tx, {
    kind: "delete-photo-files",
    payload: { keys: [...new Set(keys)] },
    runAt: new Date(Date.now() + 5_000),
  });
  return rows.length;
}

// The statement's snapshot still holds the variants the cascade removes: their keys come back too.
function selectDeleted() {
  return Prisma.sql`
    SELECT g.id::text, g.owner_id::text, g.album_id::text, a.is_default, g.original_key, g.shared_original_key,
           COALESCE((SELECT array_agg(v.key) FROM photo_variants v WHERE v.photo_id = g.id), '{}') AS variant_keys
    FROM gone g JOIN albums a ON a.id = g.album_id`;
}
