import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { listAlbums } = await import("./list-albums");
const { listFavoritesPage } = await import("../favorites/list-favorites-page");
const { setFavorite } = await import("../favorites/set-favorite");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

async function allPages<T>(
  read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await read(cursor);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("did not end");
}

describe("listAlbums (the public API's album list)", () => {
  it("pages through exactly the albums the viewer may open, newest first", async () => {
    const [owner, friend, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const open = await addAlbum(pool, owner.id, { title: "Open", visibility: "PUBLIC" });
    const shared = await addAlbum(pool, owner.id, {
      title: "Shared",
      visibility: "SHARED",
      sharedWith: [friend.id],
    });
    const closed = await addAlbum(pool, owner.id, { title: "Closed", visibility: "PRIVATE" });
    await addPhotos(pool, owner.id, open, 1);
    const ids = async (viewer: Parameters<typeof listAlbums>[0]) =>
      (
        await allPages(async (cursor) => {
          const page = await listAlbums(viewer, owner.handle.toUpperCase(), { cursor, limit: 1 });
          return { items: page.albums.map((a) => a.id), nextCursor: page.nextCursor };
        })
      ).sort();
    // The owner sees their default album too (empty or not); others only albums they may open.
    expect(await ids(viewerOf(owner))).toEqual([owner.defaultAlbumId, open, shared, closed].sort());
    expect(await ids(viewerOf(friend))).toEqual([open, shared].sort());
    expect(await ids(viewerOf(stranger))).toEqual([open]);
    expect(await ids(null)).toEqual([open]);
    const first = await listAlbums(null, owner.handle);
    expect(first.albums[0]).toMatchObject({ title: "Open", photoCount: 1, owner: { handle: owner.handle } });
    await expect(listAlbums(null, "no-such-person-here")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listFavoritesPage", () => {
  it("pages by when each was favorited, and drops photos the viewer can no longer see", async () => {
    const [owner, fan] = await Promise.all([newUser(pool), newUser(pool)]);
    const photos = await addPhotos(pool, owner.id, owner.defaultAlbumId, 5);
    for (const id of photos) await setFavorite(viewerOf(fan), id, true);
    // Distinct times, so the order is by time alone (inserts in one millisecond would tie and go by id).
    for (const [i, id] of photos.entries()) {
      await pool.query(
        "UPDATE favorites SET created_at = now() - make_interval(mins => $1) WHERE photo_id = $2",
        [i, id],
      );
    }
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photos[2]]);
    const seen = await allPages(async (cursor) => {
      const page = await listFavoritesPage(viewerOf(fan), { cursor, limit: 2 });
      return { items: page.photos.map((p) => p.id), nextCursor: page.nextCursor };
    });
    expect(seen).toEqual([photos[0], photos[1], photos[3], photos[4]]);
  });
});
