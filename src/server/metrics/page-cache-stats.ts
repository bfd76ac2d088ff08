import "server-only";

export interface PageCacheStats {
  hits: number;
  misses: number;
  stale: number;
}

// The same symbol page-cache-handler.mjs counts under: Next loads that file by path, outside the
// app's bundle, so the two meet on globalThis rather than through an import.
const STATS = Symbol.for("pinhole.pageCacheStats");

/** The page cache's lookup counts since this process started. */
export function pageCacheStats(): PageCacheStats {
  const holder = globalThis as unknown as Record<symbol, PageCacheStats | undefined>;
  holder[STATS] ??= { hits: 0, misses: 0, stale: 0 };
  return holder[STATS];
}
