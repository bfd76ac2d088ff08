// @ts-check
// Next.js's page cache (the `cacheHandler` in next.config.ts): where pages rendered once for every
// anonymous visitor (app/anonymous) are kept, and how a change reaches them on the next request.
//
// Plain JavaScript because Next loads it by path at start-up, outside the app's bundle.
//
// - Entries stay in this process's memory (a photostream page is ~170 KB as kept: see pack()), in
//   an LRU bounded by PAGE_CACHE_MAX_MB (256 by default, some 1 500 people's pages): re-rendering a
//   page costs one render, so there is nothing to gain from shipping rendered pages between servers.
// - Freshness comes from PostgreSQL: each person has a version in `page_versions`, bumped by
//   triggers in the same transaction as any change to their profile, albums or photos (migration
//   20261121050000_page_versions). An entry is served only while its person's version is the one
//   read before it was rendered. The check is an indexed lookup per request (batched): a photo made
//   private on one app server is gone from every server's next response, with no Redis and no
//   invalidation call for any code path to forget.
// - The database unreachable: nothing is served from the cache (the render needs the database
//   anyway, and fails the same way).
/** @typedef {import("pg").Pool} PgPool */

/** @typedef {{ packed: Record<string, unknown>, lastModified: number, version: string, bytes: number }} Entry */
/** @typedef {{ entries: Map<string, Entry>, bytes: number, seen: Map<string, string> }} State */

const STATE = Symbol.for("pinhole.pageCache");
// Lookup counts for /api/metrics (src/server/metrics/page-cache-stats.ts reads the same symbol).
const STATS = Symbol.for("pinhole.pageCacheStats");

/** @param {"hits" | "misses" | "stale"} result */
function count(result) {
  const holder = /** @type {Record<symbol, Record<string, number> | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  const stats = (holder[STATS] ??= { hits: 0, misses: 0, stale: 0 });
  stats[result] = (stats[result] ?? 0) + 1;
}

/** @returns {State} */
function state() {
  const holder = /** @type {Record<symbol, State | undefined>} */ (/** @type {unknown} */ (globalThis));
  if (!holder[STATE]) {
    holder[STATE] = { entries: new Map(), bytes: 0, seen: new Map() };
    register();
  }
  return holder[STATE];
}

// The heap watch's registry of caches (src/server/memory/cache-registry.ts), met on globalThis
// under the same symbol: this file is loaded by path, outside the app's module graph.
const CACHES = Symbol.for("pinhole.sheddableCaches");

/** @typedef {{ entries: number, bytes: number }} CacheSize */

function register() {
  const holder = /** @type {Record<symbol, Map<string, unknown> | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  holder[CACHES] ??= new Map();
  holder[CACHES].set("page", { shed, size });
}

/** @returns {CacheSize} */
function size() {
  const s = state();
  return { entries: s.entries.size, bytes: s.bytes };
}

/**
 * Drops the least recently used `fraction` of the pages (heap pressure, src/server/memory).
 * @param {number} fraction
 * @returns {CacheSize}
 */
export function shed(fraction) {
  const s = state();
  const before = size();
  const count = Math.ceil(s.entries.size * Math.min(Math.max(fraction, 0), 1));
  for (const key of [...s.entries.keys()].slice(0, count)) drop(key);
  return { entries: before.entries - s.entries.size, bytes: before.bytes - s.bytes };
}

// The process's one pg pool, which the app creates (src/server/db/pool.ts, first used by
// src/instrumentation.ts before any request) and registers on globalThis: this handler borrows it
// rather than opening a second pool, so DATABASE_POOL_SIZE is every connection a server holds. It is
// the primary (DATABASE_URL), never a replica: a version read from a lagging replica would keep
// serving a page the primary has already moved past (a photo made private stays visible for the
// lag), and a page rendered from the primary's newer rows would be filed under an older version.
const POOL = Symbol.for("pinhole.pgPool");

/** @returns {PgPool} */
function pool() {
  const shared = /** @type {Record<symbol, PgPool | undefined>} */ (/** @type {unknown} */ (globalThis))[
    POOL
  ];
  // No pool yet (a build's prerender, a process without the app's start-up): a miss, as when the
  // database is down; nothing is cached without a version.
  if (!shared) throw new Error("pinhole: the shared database pool is not registered");
  return shared;
}

const maxBytes = () => (Number(process.env.PAGE_CACHE_MAX_MB) || 256) * 1024 * 1024;

/**
 * The person a cache key's page belongs to, or null for pages this cache does not version (their
 * keys name the route and the path, e.g. "/anonymous/people/ana" and its RSC variants).
 * @param {string} key
 */
export function personOf(key) {
  const match = /\/anonymous\/people\/([^/?#.]+)/.exec(key);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return null;
  }
}

/** @typedef {{ resolve: (version: string) => void, reject: (error: unknown) => void }} Waiter */
/** @type {Map<string, Waiter[]> | null} */
let pending = null;

/**
 * The person's pages' version: "-1" for a handle nobody has (so the 404 is kept until someone
 * takes the handle), their counter otherwise. The lookups of one turn of the event loop go to the
 * database as one query: under load that is one round trip for dozens of requests.
 * @param {string} handle
 * @returns {Promise<string>}
 */
function versionOf(handle) {
  return new Promise((resolve, reject) => {
    if (!pending) {
      pending = new Map();
      setImmediate(lookUpPending);
    }
    const waiters = pending.get(handle) ?? [];
    waiters.push({ resolve, reject });
    pending.set(handle, waiters);
  });
}

async function lookUpPending() {
  const batch = pending;
  pending = null;
  if (!batch) return;
  try {
    const { rows } = await pool().query(
      `SELECT u.handle, COALESCE(v.version, 0)::text AS version
         FROM users u LEFT JOIN page_versions v ON v.owner_id = u.id
        WHERE u.handle = ANY($1::text[])`,
      [[...batch.keys()]],
    );
    const versions = new Map(rows.map((row) => [row.handle, row.version]));
    for (const [handle, waiters] of batch) for (const w of waiters) w.resolve(versions.get(handle) ?? "-1");
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
  }
}

/** @param {string} key */
function drop(key) {
  const s = state();
  const entry = s.entries.get(key);
  if (!entry) return;
  s.entries.delete(key);
  s.bytes -= entry.bytes;
}

// What an entry keeps, and what a hit costs, measured with bench/grid: the HTML is kept as UTF-8
// bytes and handed back as they are, which Next writes without decoding and re-encoding it, and a
// hit allocates nothing. (Kept gzipped, entries were a third of the size, but each hit's inflate and
// decode cost a quarter of the throughput and most of the tail latency.) The segment that repeats
// the RSC payload byte for byte is kept once.
/** @param {Record<string, unknown>} value */
function pack(value) {
  /** @type {Record<string, unknown>} */
  const packed = { ...value };
  if (typeof value.html === "string") packed.html = Buffer.from(value.html, "utf8");
  const rsc = value.rscData;
  if (value.segmentData instanceof Map && rsc instanceof Uint8Array) {
    packed.segmentData = new Map(
      [...value.segmentData].map(([k, v]) => [
        k,
        v instanceof Uint8Array && Buffer.compare(v, rsc) === 0 ? rsc : v,
      ]),
    );
  }
  return packed;
}

/** @param {Record<string, unknown>} packed */
function sizeOf(packed) {
  let bytes = 512;
  /** @type {Set<unknown>} */
  const counted = new Set();
  /** @param {unknown} field */
  const add = (field) => {
    if (counted.has(field)) return;
    counted.add(field);
    if (typeof field === "string") bytes += field.length * 2;
    else if (field instanceof Uint8Array) bytes += field.byteLength;
    else if (field instanceof Map) for (const part of field.values()) add(part);
  };
  for (const field of Object.values(packed)) add(field);
  return bytes;
}

export default class PageCacheHandler {
  /** @param {string} key */
  async get(key) {
    const s = state();
    const person = personOf(key);
    // Only the versioned pages are cached (see set).
    if (!person) return null;
    let version;
    try {
      version = await versionOf(person);
    } catch {
      s.seen.delete(key);
      count("misses");
      return null;
    }
    // Read before the render that follows a miss reads the database: a change committed during
    // that render bumps the version past this one, and the entry is stale at its first use.
    s.seen.set(key, version);
    const entry = s.entries.get(key);
    if (!entry) {
      count("misses");
      return null;
    }
    if (entry.version !== version) {
      drop(key);
      count("stale");
      return null;
    }
    count("hits");
    // Most recently used last.
    s.entries.delete(key);
    s.entries.set(key, entry);
    return { lastModified: entry.lastModified, value: { ...entry.packed } };
  }

  /**
   * @param {string} key
   * @param {unknown} value
   */
  async set(key, value) {
    const s = state();
    drop(key);
    const version = s.seen.get(key);
    s.seen.delete(key);
    // Nothing without a version read before its render: not a versioned page, or the lookup failed.
    if (!value || typeof value !== "object" || version === undefined || !personOf(key)) return;
    const packed = pack(/** @type {Record<string, unknown>} */ (value));
    const entry = {
      packed,
      lastModified: Date.now(),
      version,
      bytes: sizeOf(packed),
    };
    s.entries.set(key, entry);
    s.bytes += entry.bytes;
    const limit = maxBytes();
    for (const oldest of s.entries.keys()) {
      if (s.bytes <= limit) break;
      drop(oldest);
    }
  }

  /**
   * Next's revalidateTag / revalidatePath. Every entry here is kept fresh by its person's version
   * instead, and the app's actions call revalidatePath("/", "layout") after most writes (to refresh
   * the caller's client-side router cache); dropping entries here would empty the whole cache on
   * every edit by anyone, for nothing.
   */
  async revalidateTag() {}

  resetRequestCache() {}
}
