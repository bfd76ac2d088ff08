import "server-only";
import { db } from "@/server/db/client";

/** What a media request decides on and serves from: the photo and its variants. */
export interface MediaPhoto {
  id: string;
  ownerId: string;
  status: string;
  visibility: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  trashedAt: Date | null;
  accessVersion: number;
  originalKey: string;
  originalName: string;
  mimeType: string;
  allowOriginal: boolean;
  /** Narrowest first. */
  variants: { width: number; key: string; format: string; byteSize: number }[];
}

interface Waiter {
  resolve: (photo: MediaPhoto | null) => void;
  reject: (error: unknown) => void;
}

let pending: Map<string, Waiter[]> | null = null;

/**
 * The photo row a media request decides on, read from PostgreSQL for this request: never from a
 * cache, so a photo made private or a grant revoked is refused on the next request (see
 * src/server/cache/keys.ts). Requests arriving in the same turn of the event loop share one query:
 * under load, one round trip answers dozens of thumbnails. The query starts after every request
 * it answers arrived, so none of them can see a row older than its own arrival.
 */
export function loadMediaPhoto(id: string): Promise<MediaPhoto | null> {
  return new Promise((resolve, reject) => {
    if (!pending) {
      pending = new Map();
      setImmediate(flush);
    }
    const waiters = pending.get(id) ?? [];
    waiters.push({ resolve, reject });
    pending.set(id, waiters);
  });
}

// The primary, never a replica (DATABASE_REPLICA_URLS): this row decides who gets the bytes, and a
// replica's lag would serve a photo made private a moment ago. One statement, one round trip: a
// model query with its album and variants would be three, one after another, on every batch.
async function loadBatch(ids: string[]): Promise<MediaPhoto[]> {
  return db().$primary().$queryRaw<MediaPhoto[]>`
    SELECT p.id::text AS "id", p.owner_id::text AS "ownerId", p.status::text AS "status",
           p.visibility::text AS "visibility", p.hidden_at AS "hiddenAt", p.deleted_at AS "deletedAt",
           p.trashed_at AS "trashedAt",
           p.access_version AS "accessVersion", p.original_key AS "originalKey",
           p.original_name AS "originalName", p.mime_type AS "mimeType",
           p.allow_original AS "allowOriginal",
           COALESCE((
             SELECT json_agg(json_build_object('width', v.width, 'key', v.key, 'format', v.format,
                                               'byteSize', v.byte_size) ORDER BY v.width)
             FROM photo_variants v WHERE v.photo_id = p.id
           ), '[]'::json) AS "variants"
    FROM photos p
    WHERE p.id = ANY(${ids}::uuid[])`;
}

async function flush() {
  const batch = pending;
  pending = null;
  if (!batch) return;
  try {
    const rows = await loadBatch([...batch.keys()]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [id, waiters] of batch) for (const w of waiters) w.resolve(byId.get(id) ?? null);
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
  }
}
