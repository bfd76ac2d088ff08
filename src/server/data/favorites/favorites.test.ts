import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { setFavorite, isFavorited } = await import("./set-favorite");
const { listFavoritesPage } = await import("./list-favorites-page");
const listFavorites = async (viewer: Parameters<typeof listFavoritesPage>[0]) =>
  (await listFavoritesPage(viewer)).photos;
const { listFavoriters } = await import("./list-favoriters");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const counter = async (id: string) =>
  (await pool.query<{ n: number }>("SELECT favorite_count AS n FROM photos WHERE id = $1", [id])).rows[0]!.n;

describe("favorites", () => {
  it("toggling is idempotent and keeps favorite_count equal to the rows", async () => {
    const [owner, fan, other] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    expect(await setFavorite(viewerOf(fan), photo!, true)).toEqual({ favorited: true, count: 1 });
    expect(await setFavorite(viewerOf(fan), photo!, true)).toEqual({ favorited: true, count: 1 });
    await Promise.all([
      setFavorite(viewerOf(other), photo!, true),
      setFavorite(viewerOf(other), photo!, true),
    ]);
    expect(await counter(photo!)).toBe(2);
    expect(await isFavorited(viewerOf(fan), photo!)).toBe(true);
    expect(await setFavorite(viewerOf(fan), photo!, false)).toEqual({ favorited: false, count: 1 });
    expect(await setFavorite(viewerOf(fan), photo!, false)).toEqual({ favorited: false, count: 1 });
    expect(await isFavorited(viewerOf(fan), photo!)).toBe(false);
    const { rows } = await pool.query("SELECT 1 FROM favorites WHERE photo_id = $1", [photo]);
    expect(rows.length).toBe(await counter(photo!));
  });

  it("a stranger cannot favorite a private photo; favorites drop out of the list when it turns private", async () => {
    const [owner, fan] = await Promise.all([newUser(pool), newUser(pool)]);
    const [open, closed] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
    ]);
    await expect(setFavorite(viewerOf(fan), closed!, true)).rejects.toMatchObject({ code: "not_found" });
    expect(await counter(closed!)).toBe(0);
    await setFavorite(viewerOf(fan), open!, true);
    expect((await listFavorites(viewerOf(fan))).map((c) => c.id)).toEqual([open]);
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [open]);
    expect(await listFavorites(viewerOf(fan))).toEqual([]);
  });

  it("who favorited is for the photo's owner only", async () => {
    const [owner, fan] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    await setFavorite(viewerOf(fan), photo!, true);
    expect((await listFavoriters(viewerOf(owner), photo!)).map((f) => f.handle)).toEqual([fan.handle]);
    await expect(listFavoriters(viewerOf(fan), photo!)).rejects.toMatchObject({ code: "not_found" });
  });
});
