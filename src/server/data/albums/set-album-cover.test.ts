import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { setAlbumCover } = await import("./set-album-cover");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const coverOf = async (id: string) => (await db().album.findUniqueOrThrow({ where: { id } })).coverPhotoId;

describe("setAlbumCover", () => {
  it("takes a ready photo of that album, or none", async () => {
    const owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id);
    const [photo, processing] = await addPhotos(pool, owner.id, album, [{}, { status: "PROCESSING" }]);
    await setAlbumCover(viewerOf(owner), { albumId: album, photoId: photo! });
    expect(await coverOf(album)).toBe(photo);
    await expect(
      setAlbumCover(viewerOf(owner), { albumId: album, photoId: processing! }),
    ).rejects.toMatchObject({
      code: "not_found",
      message: "No such photo in this album",
    });
    await setAlbumCover(viewerOf(owner), { albumId: album, photoId: null });
    expect(await coverOf(album)).toBeNull();
  });

  it("refuses a photo from another album, and anything of another user's", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const album = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    const [inside] = await addPhotos(pool, owner.id, album, 1);
    const [privateElsewhere] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PRIVATE" },
    ]);
    await setAlbumCover(viewerOf(owner), { albumId: album, photoId: inside! });

    await expect(
      setAlbumCover(viewerOf(owner), { albumId: album, photoId: privateElsewhere! }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      setAlbumCover(viewerOf(stranger), { albumId: album, photoId: inside! }),
    ).rejects.toMatchObject({
      code: "not_found",
      message: "No such album",
    });
    await expect(setAlbumCover(viewerOf(stranger), { albumId: album, photoId: null })).rejects.toMatchObject({
      code: "not_found",
    });
    const strangersAlbum = await addAlbum(pool, stranger.id);
    await expect(
      setAlbumCover(viewerOf(stranger), { albumId: strangersAlbum, photoId: inside! }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await coverOf(album)).toBe(inside);
    expect(await coverOf(strangersAlbum)).toBeNull();
  });
});
