import "server-only";
import { buffer } from "node:stream/consumers";
import { env } from "@/env";
import { cacheKeys, cacheTtlSeconds } from "@/server/cache/keys";
import { CacheUnavailableError, kv, MemoryKv } from "@/server/cache/kv";
import { registerCache } from "@/server/memory/cache-registry";
import { storage } from "@/server/storage/storage";

/** Variants up to this size are kept: thumbnails and the small rungs of the display ladder. */
export const HOT_BYTES_MAX = 64 * 1024;

const globalForHot = globalThis as unknown as { pinholeHotMedia?: MemoryKv };

// This process's memory comes first even with Redis: a hit costs no round trip. Redis second, so a
// thumbnail read from storage by one app server is there for the others (and after a restart).
// Buffers: their bytes are off V8's heap (they count in RSS, not against PINHOLE_HEAP_MB).
function local(): MemoryKv {
  if (!globalForHot.pinholeHotMedia) {
    globalForHot.pinholeHotMedia = new MemoryKv(env().MEDIA_CACHE_MAX_MB * 1024 * 1024);
    registerCache("media", globalForHot.pinholeHotMedia);
  }
  return globalForHot.pinholeHotMedia;
}

const reading = new Map<string, Promise<Buffer | null>>();

/** This process's copy, if it has one, without waiting: the common case for a popular thumbnail. */
export function peekMediaBytes(storageKey: string): Buffer | null {
  return local().peekBytes(cacheKeys.mediaBytes(storageKey));
}

/**
 * The bytes of a small stored object (a public variant whose access the caller has just checked),
 * from the cache when they are there, from storage otherwise (then kept). Rule when the cache fails:
 * fail open to storage (bytes are not a decision, see src/server/cache/keys.ts). Concurrent misses
 * for one key share one storage read. Null when the object does not exist.
 */
export async function readMediaBytes(storageKey: string): Promise<Buffer | null> {
  const key = cacheKeys.mediaBytes(storageKey);
  const hot = local().peekBytes(key);
  if (hot) return hot;
  let read = reading.get(key);
  if (!read) {
    read = readThrough(storageKey, key).finally(() => reading.delete(key));
    reading.set(key, read);
  }
  return read;
}

async function readThrough(storageKey: string, key: string): Promise<Buffer | null> {
  const shared = kv();
  const viaRedis = shared.backend === "redis";
  if (viaRedis) {
    const cached = await shared.getBytes(key).catch(failOpen);
    if (cached) {
      await local().setBytes(key, cached, cacheTtlSeconds.mediaBytes);
      return cached;
    }
  }
  const object = await storage().get(storageKey);
  if (!object) return null;
  const bytes = await buffer(object.body);
  await local().setBytes(key, bytes, cacheTtlSeconds.mediaBytes);
  if (viaRedis) await shared.setBytes(key, bytes, cacheTtlSeconds.mediaBytes).catch(failOpen);
  return bytes;
}

function failOpen(error: unknown): null {
  if (!(error instanceof CacheUnavailableError)) throw error;
  // Logged once a minute at most: while Redis is down every miss would say the same.
  const now = Date.now();
  if (now - lastWarned > 60_000) {
    lastWarned = now;
    console.warn("[media] the cache is unavailable; reading thumbnails from storage", error.cause);
  }
  return null;
}
let lastWarned = 0;
