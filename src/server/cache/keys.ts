import "server-only";

// Every key Pinhole keeps in the cache (./kv.ts: memory, or Redis when REDIS_URL is set), its lifetime,
// and what a request does when the cache cannot answer. One place, so that a reviewer can see all of
// what may be served from a cache and why it cannot outlive a change that matters.
//
// | use                        | key                       | ttl    | cache down                          |
// |----------------------------|---------------------------|--------|-------------------------------------|
// | popular thumbnails' bytes  | media:bytes:<storage key> | 1 h    | fail open: read from storage        |
// | access to a photo's media  | none: never cached        |        | (PostgreSQL, per request, batched)  |
// | home feed pages            | feed:<reader>:<n>:<cursor>| 10 min | fail open: read from PostgreSQL     |
//
// Access decisions are deliberately not cached: a photo made private or a viewer revoked must get
// nothing on the very next request, on every server, and a cached answer could outlive the change.
// The row they are decided from is read per request; requests arriving in the same turn of the event
// loop share one query (src/server/media/load-media-photo.ts), so a burst costs one round trip.
// Bytes may be cached because they are not a decision: a key names one immutable file (a variant's
// key changes when its photo moves, and is never rewritten once the photo is ready), and they are
// served only after that request's own access check passed.
// Feed pages are served only to their reader and only while a fingerprint read from PostgreSQL on
// the same request still matches (src/server/cache/feed-cache.ts): any change that could alter the
// page (a new, deleted or re-shared photo, a follow, a grant or its revocation) changes it.

export const cacheKeys = {
  /** The bytes of a stored object (a small public variant), by its storage key. */
  mediaBytes: (storageKey: string) => `media:bytes:${storageKey}`,
  /** One page of a reader's home feed, with the fingerprint it was read under. */
  feedPage: (readerId: string, limit: number, cursor: string) => `feed:${readerId}:${limit}:${cursor}`,
} as const;

export const cacheTtlSeconds = {
  mediaBytes: 3600,
  feedPage: 600,
} as const;
