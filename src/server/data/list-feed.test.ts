import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { listFeed, feedRows } = await import("./list-feed");
const { setFollow } = await import("./follows/set-follow");
const { listFollows } = await import("./follows/list-follows");
const { getFollowCounts } = await import("./follows/get-follow-counts");
const { cachedFeedPage } = await import("@/server/cache/feed-cache");

type Vis = "PUBLIC" | "PRIVATE" | "SHARED";

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
afterAll(() => pool.end());

const viewerOf = (user: SeededUser) => ({ id: user.id, role: "USER" as const });

async function photo(
  owner: SeededUser,
  input: { visibility?: Vis; createdAt?: Date; sharedWith?: string[]; status?: "READY" | "PROCESSING" } = {},
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, created_at, original_key,
                         mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, '', $3::visibility, $4::photo_status, $5, 'k', 'image/jpeg', 1, $6, 4, 3)
     RETURNING id`,
    [
      owner.id,
      owner.defaultAlbumId,
      input.visibility ?? "PUBLIC",
      input.status ?? "READY",
      input.createdAt ?? new Date(),
      randomBytes(16).toString("hex"),
    ],
  );
  for (const userId of input.sharedWith ?? []) {
    await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

async function feedIds(reader: SeededUser, limit = 60, recentWindow?: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await listFeed(viewerOf(reader), { cursor, limit, recentWindow });
    pages.push(page.photos.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

const pageVersion = async (userId: string) =>
  Number(
    (await pool.query<{ version: string }>("SELECT version FROM page_versions WHERE owner_id = $1", [userId]))
      .rows[0]?.version ?? 0,
  );

describe("follow and unfollow", () => {
  it("is idempotent both ways, counts once, and says who started following only once", async () => {
    const [ana, ben] = await Promise.all([seedUser(pool), seedUser(pool)]);
    const first = await setFollow(ana, ben.handle.toUpperCase(), true);
    expect(first).toMatchObject({ handle: ben.handle, following: true, followerCount: 1, started: true });
    const again = await setFollow(ana, ben.handle, true);
    expect(again).toMatchObject({ following: true, followerCount: 1, started: false });
    // Ben hears of his new follower once.
    const { rows: told } = await pool.query(
      "SELECT actor_id FROM notifications WHERE user_id = $1 AND type = 'FOLLOW'",
      [ben.id],
    );
    expect(told).toEqual([{ actor_id: ana.id }]);
    expect(await getFollowCounts(viewerOf(ana), ben.id)).toEqual({
      followers: 1,
      following: 0,
      viewerFollows: true,
    });
    expect(await getFollowCounts(null, ana.id)).toEqual({ followers: 0, following: 1, viewerFollows: false });

    expect(await setFollow(ana, ben.handle, false)).toMatchObject({ following: false, followerCount: 0 });
    expect(await setFollow(ana, ben.handle, false)).toMatchObject({ following: false, followerCount: 0 });
    expect(await getFollowCounts(viewerOf(ana), ben.id)).toEqual({
      followers: 0,
      following: 0,
      viewerFollows: false,
    });
  });

  it("refuses following yourself and unknown people", async () => {
    const ana = await seedUser(pool);
    await expect(setFollow(ana, ana.handle, true)).rejects.toMatchObject({ code: "bad_request" });
    await expect(setFollow(ana, `nobody-${randomBytes(4).toString("hex")}`, true)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(setFollow(ana, "../x", true)).rejects.toMatchObject({ code: "not_found" });
    expect((await getFollowCounts(null, ana.id)).following).toBe(0);
  });

  it("bumps both people's page versions, so their cached anonymous pages show the new counts", async () => {
    const [ana, ben] = await Promise.all([seedUser(pool), seedUser(pool)]);
    const before = [await pageVersion(ana.id), await pageVersion(ben.id)];
    await setFollow(ana, ben.handle, true);
    const followed = [await pageVersion(ana.id), await pageVersion(ben.id)];
    expect(followed[0]).toBeGreaterThan(before[0]!);
    expect(followed[1]).toBeGreaterThan(before[1]!);
    await setFollow(ana, ben.handle, false);
    expect(await pageVersion(ana.id)).toBeGreaterThan(followed[0]!);
    expect(await pageVersion(ben.id)).toBeGreaterThan(followed[1]!);
  });

  it("lists followers and following with handles and names, newest first", async () => {
    const [ana, ben, cy] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
    await setFollow(ben, ana.handle, true);
    await setFollow(cy, ana.handle, true);
    await setFollow(ana, cy.handle, true);
    const followers = await listFollows(ana.handle, "followers");
    expect(followers?.total).toBe(2);
    expect(followers?.people).toEqual([
      { handle: cy.handle, displayName: cy.displayName },
      { handle: ben.handle, displayName: ben.displayName },
    ]);
    expect((await listFollows(ana.handle, "following"))?.people).toEqual([
      { handle: cy.handle, displayName: cy.displayName },
    ]);
    expect(await listFollows(`nobody-${randomBytes(4).toString("hex")}`, "followers")).toBeNull();
  });
});

// Both plans: everyone's newest photos first (the default), and the per-followee walk it falls back to.
describe.each([
  ["newest first", undefined],
  ["per-followee walk", 0],
] as const)("listFeed (%s)", (_plan, recentWindow) => {
  it("shows only followed people's photos the reader may see, newest first", async () => {
    const [reader, ben, cy, stranger] = await Promise.all([
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
    ]);
    await setFollow(reader, ben.handle, true);
    await setFollow(reader, cy.handle, true);
    const t = Date.now();
    const at = (s: number) => new Date(t - s * 1000);
    const benPublic = await photo(ben, { createdAt: at(5) });
    const benShared = await photo(ben, { visibility: "SHARED", sharedWith: [reader.id], createdAt: at(4) });
    await photo(ben, { visibility: "SHARED", sharedWith: [stranger.id], createdAt: at(3) });
    await photo(ben, { visibility: "PRIVATE", createdAt: at(2) });
    await photo(ben, { status: "PROCESSING", createdAt: at(1) });
    const cyPublic = await photo(cy, { createdAt: at(3.5) });
    await photo(stranger, { createdAt: at(0) });
    // The reader's own photos are not in their feed (they do not follow themselves).
    await photo(reader, { createdAt: at(0) });

    expect(await feedIds(reader, 60, recentWindow)).toEqual([[cyPublic, benShared, benPublic]]);
    // Pages of two: full pages come from the newest-first plan when it is on.
    expect((await feedIds(reader, 2, recentWindow)).flat()).toEqual([cyPublic, benShared, benPublic]);
  });

  it("pages by keyset without repeating or skipping, even with equal timestamps", async () => {
    const [reader, ben, cy] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
    await setFollow(reader, ben.handle, true);
    await setFollow(reader, cy.handle, true);
    const same = new Date(Date.now() - 60_000);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        await photo(i % 2 ? ben : cy, { createdAt: i < 6 ? same : new Date(same.getTime() - i * 1000) }),
      );
    }
    const pages = await feedIds(reader, 5, recentWindow);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(12);
    expect(all.sort()).toEqual([...ids].sort());
  });

  it("is exact when one person fills a page alone (more than the first try takes from each)", async () => {
    const [reader, ben, cy] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
    await setFollow(reader, ben.handle, true);
    await setFollow(reader, cy.handle, true);
    const t = Date.now() - 3_600_000;
    const expected: { id: string; at: number }[] = [];
    // Ben's burst of 25 is newer than all but one of Cy's 6.
    for (let i = 0; i < 25; i++)
      expected.push({ id: await photo(ben, { createdAt: new Date(t - i) }), at: t - i });
    for (let i = 0; i < 6; i++) {
      const at = i === 0 ? t + 1 : t - 100 - i;
      expected.push({ id: await photo(cy, { createdAt: new Date(at) }), at });
    }
    const order = expected.sort((x, y) => y.at - x.at).map((x) => x.id);
    expect((await feedIds(reader, 10, recentWindow)).flat()).toEqual(order);
    expect((await feedIds(reader, 60, recentWindow)).flat()).toEqual(order);
  });

  it("drops a photo made private, or a person unfollowed, from the very next page", async () => {
    const [reader, ben] = await Promise.all([seedUser(pool), seedUser(pool)]);
    await setFollow(reader, ben.handle, true);
    const id = await photo(ben);
    expect((await feedIds(reader, 60, recentWindow)).flat()).toEqual([id]);
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [id]);
    expect((await feedIds(reader, 60, recentWindow)).flat()).toEqual([]);
    await pool.query("UPDATE photos SET visibility = 'PUBLIC' WHERE id = $1", [id]);
    expect((await feedIds(reader, 60, recentWindow)).flat()).toEqual([id]);
    await setFollow(reader, ben.handle, false);
    expect((await feedIds(reader, 60, recentWindow)).flat()).toEqual([]);
  });
});

describe("feed cache", () => {
  /** Reads the reader's first page through the cache; says whether it had to load it. */
  async function read(reader: SeededUser): Promise<"cached" | "loaded"> {
    let loaded = false;
    await cachedFeedPage(reader.id, null, 60, async () => {
      loaded = true;
      return { photos: [], nextCursor: null };
    });
    return loaded ? "loaded" : "cached";
  }

  it("serves a page again until something it shows changes, and only then", async () => {
    const [reader, ben, cy, stranger] = await Promise.all([
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
    ]);
    await setFollow(reader, ben.handle, true);
    expect(await read(reader)).toBe("loaded");
    expect(await read(reader)).toBe("cached");

    // Someone the reader does not follow changes nothing for them.
    await photo(stranger);
    expect(await read(reader)).toBe("cached");

    // A followee's new photo, a visibility change, a delete.
    const id = await photo(ben);
    expect(await read(reader)).toBe("loaded");
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [id]);
    expect(await read(reader)).toBe("loaded");
    await pool.query("DELETE FROM photos WHERE id = $1", [id]);
    expect(await read(reader)).toBe("loaded");
    expect(await read(reader)).toBe("cached");

    // Following someone, and a grant to or from the reader.
    await setFollow(reader, cy.handle, true);
    expect(await read(reader)).toBe("loaded");
    const shared = await photo(cy, { visibility: "SHARED", sharedWith: [reader.id] });
    expect(await read(reader)).toBe("loaded");
    await pool.query("DELETE FROM access_grants WHERE photo_id = $1 AND user_id = $2", [shared, reader.id]);
    expect(await read(reader)).toBe("loaded");
    expect(await read(reader)).toBe("cached");
  });

  it("never serves a photo after its grant is revoked, at once", async () => {
    const [reader, ben] = await Promise.all([seedUser(pool), seedUser(pool)]);
    await setFollow(reader, ben.handle, true);
    const id = await photo(ben, { visibility: "SHARED", sharedWith: [reader.id] });
    expect((await feedIds(reader)).flat()).toEqual([id]);
    expect((await feedIds(reader)).flat()).toEqual([id]);
    await pool.query("DELETE FROM access_grants WHERE photo_id = $1", [id]);
    expect((await feedIds(reader)).flat()).toEqual([]);
  });
});

describe("feedRows", () => {
  it("answers a full page with one statement when the newest photos fill it, else walks", async () => {
    const [reader, ben] = await Promise.all([seedUser(pool), seedUser(pool)]);
    await setFollow(reader, ben.handle, true);
    for (let i = 0; i < 3; i++) await photo(ben);
    const statements: string[] = [];
    const run = async (q: { text: string; values: unknown[] }) => {
      statements.push(q.text);
      return (await pool.query(q.text, q.values)).rows;
    };
    expect(await feedRows(viewerOf(reader), null, 3, run)).toHaveLength(3);
    expect(statements).toHaveLength(1);
    statements.length = 0;
    // A short page (the feed's end) cannot tell from the window alone: the walk answers it.
    expect(await feedRows(viewerOf(reader), null, 4, run)).toHaveLength(3);
    expect(statements).toHaveLength(2);
  });
});
