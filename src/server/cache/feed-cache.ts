import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { cacheKeys, cacheTtlSeconds } from "./keys";
import { CacheUnavailableError, kv } from "./kv";

/**
 * Home feed pages, cached per reader and checked against the database on every read: an entry is
 * served only while its fingerprint still matches, so the database stays the source of truth and
 * nothing has to remember to invalidate.
 *
 * The fingerprint is the reader's own page version (bumped by a follow, an unfollow and any grant to
 * or from them) with the sum and count of their followees' versions (bumped by any change to a
 * followee's photos, albums or profile: an upload becoming READY, a delete, a visibility change, a
 * moderator's hide). Versions only grow, so any change gives a new fingerprint. The triggers are in
 * migrations 20261121050000_page_versions, 20261121080000_follows_page_version and
 * 20261121120000_feed_recent.
 *
 * Kept in ./kv.ts (Redis when configured, shared by every app server; else this process's memory),
 * under the key and rule declared in ./keys.ts: fail open, so when the cache cannot answer the page is
 * read from the database. A feed page is only ever served to its own reader (the key holds their id).
 */
interface Entry {
  fingerprint: string;
  page: PhotoPage;
}

export async function cachedFeedPage(
  readerId: string,
  cursor: string | null | undefined,
  limit: number,
  load: () => Promise<PhotoPage>,
): Promise<PhotoPage> {
  if (env().FEED_CACHE === "off") return load();
  const key = cacheKeys.feedPage(readerId, limit, cursor ?? "");
  // Read before the page: a change landing while it loads makes the stored entry miss next time,
  // never the other way round.
  const fingerprint = await feedFingerprint(readerId);
  const cached = await get(key);
  if (cached?.fingerprint === fingerprint) return cached.page;
  const page = await load();
  await set(key, { fingerprint, page });
  return page;
}

async function feedFingerprint(readerId: string): Promise<string> {
  const [row] = await db().$queryRaw<{ fingerprint: string }[]>(Prisma.sql`
    SELECT concat_ws(':',
             coalesce((SELECT version FROM page_versions WHERE owner_id = ${readerId}::uuid), 0),
             coalesce(sum(v.version), 0), count(*)) AS fingerprint
    FROM follows f LEFT JOIN page_versions v ON v.owner_id = f.followee_id
    WHERE f.follower_id = ${readerId}::uuid`);
  return row?.fingerprint ?? "";
}

async function get(key: string): Promise<Entry | null> {
  try {
    return await kv().getJson<Entry>(key);
  } catch (error) {
    if (!(error instanceof CacheUnavailableError)) throw error;
    return null;
  }
}

async function set(key: string, entry: Entry): Promise<void> {
  try {
    await kv().setJson(key, entry, cacheTtlSeconds.feedPage);
  } catch (error) {
    if (!(error instanceof CacheUnavailableError)) throw error;
  }
}
