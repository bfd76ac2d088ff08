import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, albumOrder, newUser, openPool, photoRow, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { movePhotos } = await import("./move-photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("movePhotos", () => {
  it("appends the viewer's photos to the album's end in the order given", async () => {
    const owner = await newUser(pool);
    const target = await addAlbum(pool, owner.id, { title: "Best of" });
    const [existing] = await addPhotos(pool, owner.id, target, [{ position: 5_000 }]);
    const [a, b, c] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 3);
    const result = await movePhotos(viewerOf(owner), [c!, a!, b!, c!], target);
    expect(result).toEqual({ found: 3, moved: 3, albumTitle: "Best of" });
    expect(await albumOrder(pool, target)).toEqual([existing, c, a, b]);
    expect(await albumOrder(pool, owner.defaultAlbumId)).toEqual([]);
  });

  it("keeps to the upload clock, so a photo uploaded afterwards lands after the moved ones", async () => {
    const owner = await newUser(pool);
    const target = await addAlbum(pool, owner.id);
    const moved = await addPhotos(pool, owner.id, owner.defaultAlbumId, 50);
    await movePhotos(viewerOf(owner), moved, target);
    // What the upload route does a second later: position = Date.now(). (The moved photos reach
    // only 50 "milliseconds" past the move; steps of 1024 would have reached 50 seconds.)
    const [uploaded] = await addPhotos(pool, owner.id, target, [{ position: Date.now() + 1_000 }]);
    expect(await albumOrder(pool, target)).toEqual([...moved, uploaded]);
  });

  it("leaves photos already in the album where they are", async () => {
    const owner = await newUser(pool);
    const target = await addAlbum(pool, owner.id);
    const [x, y] = await addPhotos(pool, owner.id, target, 2);
    const [z] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    expect(await movePhotos(viewerOf(owner), [x!, z!], target)).toMatchObject({ found: 2, moved: 1 });
    expect(await albumOrder(pool, target)).toEqual([x, y, z]);
  });

  it("moves nothing of another user's, and not into another user's album", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const ownersAlbum = await addAlbum(pool, owner.id);
    const [ownersPhoto] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const strangersAlbum = await addAlbum(pool, stranger.id);
    const [strangersPhoto] = await addPhotos(pool, stranger.id, stranger.defaultAlbumId, 1);

    // The stranger's own album, the owner's photo: matches nothing.
    expect(await movePhotos(viewerOf(stranger), [ownersPhoto!], strangersAlbum)).toMatchObject({
      found: 0,
      moved: 0,
    });
    // The owner's album as the target: not found.
    await expect(movePhotos(viewerOf(stranger), [strangersPhoto!], ownersAlbum)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(movePhotos(viewerOf(stranger), [strangersPhoto!], "not-an-id")).rejects.toMatchObject({
      code: "not_found",
    });
    // Mixed ids: only the caller's own move.
    expect(
      await movePhotos(viewerOf(stranger), [ownersPhoto!, strangersPhoto!, "junk"], strangersAlbum),
    ).toMatchObject({
      found: 1,
      moved: 1,
    });
    expect((await photoRow(pool, ownersPhoto!))?.album_id).toBe(owner.defaultAlbumId);
    expect((await photoRow(pool, strangersPhoto!))?.album_id).toBe(strangersAlbum);
  });

  it("clears the cover of the album a photo leaves, and bumps versions where shared access ends", async () => {
    const owner = await newUser(pool);
    const friend = await newUser(pool);
    const sharedAlbum = await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [friend.id] });
    const publicAlbum = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    const [cover, publicPhoto, stays] = await addPhotos(pool, owner.id, sharedAlbum, [
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
    ]);
    const [fromPublic] = await addPhotos(pool, owner.id, publicAlbum, [{ visibility: "PRIVATE" }]);
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [cover, sharedAlbum]);
    await movePhotos(viewerOf(owner), [cover!, publicPhoto!], owner.defaultAlbumId);
    await movePhotos(viewerOf(owner), [fromPublic!], owner.defaultAlbumId);

    expect((await db().album.findUniqueOrThrow({ where: { id: sharedAlbum } })).coverPhotoId).toBeNull();
    // Seen by the album's named viewer only through it: old URLs must die.
    expect((await photoRow(pool, cover!))?.access_version).toBe(2);
    // Public on its own: nothing narrowed.
    expect((await photoRow(pool, publicPhoto!))?.access_version).toBe(1);
    // A public album lends nothing to its private photos: nothing narrowed either.
    expect((await photoRow(pool, fromPublic!))?.access_version).toBe(1);
    expect((await photoRow(pool, stays!))?.access_version).toBe(1);
  });
});
