import "server-only";
import type { Visibility } from "@/generated/prisma/enums";
import type { DbTransaction } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";

// What every batch edit on /organize shares: lock the owner's photos among the ids, write new values
// set-based, and keep the previous values as the person's one "last batch" for Undo. Each operation is
// its own file beside this one; this is their common part, not an operation.

type Tx = Pick<DbTransaction, "$queryRaw" | "$executeRaw">;

/** The fields a batch edit changes. A field left out is not touched. */
export interface PhotoFields {
  id: string;
  title?: string;
  description?: string;
  tags?: string[];
  /** ISO 8601. */
  takenAt?: string;
  visibility?: Visibility;
}

export interface OwnPhotoRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  taken_at: Date | null;
  visibility: Visibility;
}

/** The ids as given, deduplicated and without anything that is not a UUID. */
export function validIds(ids: string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/**
 * The owner's own photos among `ids`, in the order of `ids`, locked until the transaction ends (so a
 * concurrent batch waits, and the previous values saved for Undo are the ones overwritten). Others'
 * photos and deleted or trashed ones match nothing.
 */
export async function lockOwnPhotos(tx: Tx, ownerId: string, ids: string[]): Promise<OwnPhotoRow[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<OwnPhotoRow[]>`
    SELECT p.id, p.title, p.description, p.tags, p.taken_at, p.visibility::text AS visibility
    FROM photos p JOIN unnest(${ids}::uuid[]) WITH ORDINALITY AS w(id, ord) ON w.id = p.id
    WHERE p.owner_id = ${ownerId}::uuid AND p.deleted_at IS NULL AND p.trashed_at IS NULL
    ORDER BY w.ord
    FOR UPDATE OF p`;
}

/**
 * Writes each photo's fields in one UPDATE; returns how many rows changed. Where a photo's visibility
 * narrows (PUBLIC → SHARED → PRIVATE) its access version is bumped in the same statement, as
 * setPhotosVisibility does, so copies of its old public media URLs stop resolving.
 */
export async function writePhotoFields(tx: Tx, ownerId: string, changes: PhotoFields[]): Promise<number> {
  if (changes.length === 0) return 0;
  const json = JSON.stringify(
    changes.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      tags: c.tags,
      taken_at: c.takenAt,
      visibility: c.visibility,
    })),
  );
  return tx.$executeRaw`
    UPDATE photos p
    SET title = COALESCE(c.title, p.title),
        description = COALESCE(c.description, p.description),
        tags = COALESCE(c.tags, p.tags),
        taken_at = COALESCE(c.taken_at, p.taken_at),
        visibility = COALESCE(c.visibility, p.visibility),
        access_version = p.access_version
          + CASE WHEN c.visibility IS NOT NULL
                      AND (CASE p.visibility WHEN 'PUBLIC' THEN 2 WHEN 'SHARED' THEN 1 ELSE 0 END)
                        > (CASE c.visibility WHEN 'PUBLIC' THEN 2 WHEN 'SHARED' THEN 1 ELSE 0 END)
                 THEN 1 ELSE 0 END,
        updated_at = now()
    FROM jsonb_to_recordset(${json}::jsonb)
      AS c(id uuid, title text, description text, tags text[], taken_at timestamptz, visibility visibility)
    WHERE p.id = c.id AND p.owner_id = ${ownerId}::uuid AND p.deleted_at IS NULL AND p.trashed_at IS NULL`;
}

/** What Undo puts back: each photo's previous values of the fields the batch changed. */
export interface UndoRecord {
  kind: "fields";
  photos: PhotoFields[];
}

/** Replaces the person's last batch with this one (only the last batch can be undone). */
export async function saveUndo(tx: Tx, userId: string, label: string, record: UndoRecord): Promise<void> {
  const changes = JSON.stringify(record);
  await tx.$executeRaw`
    INSERT INTO organize_undo (user_id, label, changes, created_at)
    VALUES (${userId}::uuid, ${label}, ${changes}::jsonb, now())
    ON CONFLICT (user_id) DO UPDATE SET label = EXCLUDED.label, changes = EXCLUDED.changes,
      created_at = EXCLUDED.created_at`;
}

export function photosWord(n: number): string {
  return `${n} photo${n === 1 ? "" : "s"}`;
}
