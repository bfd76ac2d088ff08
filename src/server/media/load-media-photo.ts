import "server-only";
import { db } from "@/server/db/client";

const mediaPhotoSelect = {
  id: true,
  ownerId: true,
  status: true,
  visibility: true,
  hiddenAt: true,
  deletedAt: true,
  accessVersion: true,
  originalKey: true,
  originalName: true,
  mimeType: true,
  allowOriginal: true,
  album: { select: { visibility: true } },
  variants: {
    select: { width: true, key: true, format: true, byteSize: true },
    orderBy: { width: "asc" as const },
  },
};

type Loaded = Awaited<ReturnType<typeof loadBatch>>[number];
export type MediaPhoto = Loaded;

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
// replica's lag would serve a photo made private a moment ago. Batching keeps it one query a turn.
function loadBatch(ids: string[]) {
  return db()
    .$primary()
    .photo.findMany({ where: { id: { in: ids } }, select: mediaPhotoSelect });
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
