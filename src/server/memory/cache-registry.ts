import "server-only";

/** What one cache gave back (or holds). */
export interface CacheSize {
  entries: number;
  bytes: number;
}

/** An in-process cache the heap watch may shrink: `shed(0.5)` drops its older half, `shed(1)` all. */
export interface SheddableCache {
  shed(fraction: number): CacheSize;
  size(): CacheSize;
}

// On globalThis under a shared symbol: the caches live in three module worlds (the front run by
// tsx, Next's bundles, and the page cache handler Next loads by path, which registers itself under
// the same symbol without importing this file).
const REGISTRY = Symbol.for("pinhole.sheddableCaches");

function registry(): Map<string, SheddableCache> {
  const holder = globalThis as unknown as Record<symbol, Map<string, SheddableCache> | undefined>;
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** Registers (or replaces, for a re-evaluated module) the cache called `name`. */
export function registerCache(name: string, cache: SheddableCache): void {
  registry().set(name, cache);
}

/** Sheds `fraction` of every registered cache: what each gave back, by name. */
export function shedCaches(fraction: number): Map<string, CacheSize> {
  const shed = new Map<string, CacheSize>();
  for (const [name, cache] of registry()) shed.set(name, cache.shed(fraction));
  return shed;
}

/** Every registered cache's current size, by name. */
export function cacheSizes(): Map<string, CacheSize> {
  return new Map([...registry()].map(([name, cache]) => [name, cache.size()]));
}

/** The oldest `fraction` of an LRU Map's entries (Map order: least recently used first), rounded up. */
export function oldestKeys<K>(entries: Map<K, unknown>, fraction: number): K[] {
  const count = Math.min(entries.size, Math.ceil(entries.size * Math.min(Math.max(fraction, 0), 1)));
  const keys: K[] = [];
  for (const key of entries.keys()) {
    if (keys.length >= count) break;
    keys.push(key);
  }
  return keys;
}
