// create, update, get and delete, each also called by someone who must not get through.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, albumOrder, newUser, openPool, photoRow, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { createAlbum } = await import("./create-album");
const { updateAlbum } = await import("./update-album");
const { getAlbum } = await import("./get-album");
const { deleteAlbum } = await import("./delete-album");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("createAlbum and updateAlbum", () => {
  it("creates a PRIVATE album of the viewer's own, and only its owner can change it", async () => {
    const [owner, other] = await Promise.all([newUser(pool), newUser(pool)]);
    const { id } = await createAlbum(viewerOf(owner), { title: "Lisbon", description: "Trams" });
    const row = await db().album.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      ownerId: owner.id,
      title: "Lisbon",
      visibility: "PRIVATE",
      isDefault: false,
    });

    await expect(
      updateAlbum(viewerOf(other), id, { title: "Mine now", description: "" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(updateAlbum(viewerOf(owner), "nope", { title: "x", description: "" })).rejects.toMatchObject(
      {
        code: "not_found",
      },
    );
    expect((await db().album.findUniqueOrThrow({ where: { id } })).title).toBe("Lisbon");

    await updateAlbum(viewerOf(owner), id, { title: "<script>alert(1)</script>", description: "Porto too" });
    expect(await db().album.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "<script>alert(1)</script>",
      description: "Porto too",
    });
  });
});

describe("getAlbum", () => {
  it("counts only the photos this viewer can see, and hides unseen albums entirely", async () => {
    const [owner, other] = await Promise.all([newUser(pool), newUser(pool)]);
    const privateAlbum = await addAlbum(pool, owner.id, { title: "Private album", visibility: "PRIVATE" });
    await addPhotos(pool, owner.id, privateAlbum, [{ visibility: "PUBLIC" }, { visibility: "PRIVATE" }]);
    expect(await getAlbum(viewerOf(other), privateAlbum)).toBeNull();
    expect(await getAlbum(null, privateAlbum)).toBeNull();
    expect(await getAlbum(null, "../../etc/passwd")).toBeNull();
    expect(await getAlbum(null, crypto.randomUUID())).toBeNull();
    const own = await getAlbum(viewerOf(owner), privateAlbum);
    expect(own).toMatchObject({ title: "Private album", isOwner: true, photoCount: 2 });

    const publicAlbum = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    await addPhotos(pool, owner.id, publicAlbum, [
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
      { status: "PROCESSING" },
    ]);
    // A PUBLIC album shows visitors only its photos that are public themselves.
    expect(await getAlbum(null, publicAlbum)).toMatchObject({
      isOwner: false,
      photoCount: 1,
      owner: { handle: owner.handle },
    });
  });

  it("shows a cover only while it is a visible photo of that album", async () => {
    const owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    const [inside] = await addPhotos(pool, owner.id, album, 1);
    const [elsewhere] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [inside, album]);
    expect((await getAlbum(null, album))?.coverPhotoId).toBe(inside);
    // Written behind the data functions' backs (they refuse it): still never shown.
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [elsewhere, album]);
    expect((await getAlbum(null, album))?.coverPhotoId).toBeNull();
  });
});

describe("deleteAlbum", () => {
  it("returns the album's photos to the default album, in order, at its end, and deletes nothing else", async () => {
    const owner = await newUser(pool);
    const [already] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const album = await addAlbum(pool, owner.id, { title: "Trip" });
    const photos = await addPhotos(pool, owner.id, album, 3);
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [photos[0], album]);

    const result = await deleteAlbum(viewerOf(owner), album);
    expect(result).toEqual({
      movedPhotos: 3,
      defaultAlbumId: owner.defaultAlbumId,
      defaultAlbumTitle: "Photostream",
    });
    expect(await db().album.findUnique({ where: { id: album } })).toBeNull();
    expect(await albumOrder(pool, owner.defaultAlbumId)).toEqual([already, ...photos]);
  });

  it("refuses another user's album and the default album, changing nothing", async () => {
    const [owner, other] = await Promise.all([newUser(pool), newUser(pool)]);
    const album = await addAlbum(pool, owner.id);
    const photos = await addPhotos(pool, owner.id, album, 2);
    await expect(deleteAlbum(viewerOf(other), album)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteAlbum(viewerOf(other), "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteAlbum(viewerOf(owner), owner.defaultAlbumId)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await albumOrder(pool, album)).toEqual(photos);
    expect(await db().album.count({ where: { ownerId: owner.id } })).toBe(2);
  });

  it("bumps the access version of photos that were shared only through the deleted album", async () => {
    const owner = await newUser(pool);
    const friend = await newUser(pool);
    const album = await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [friend.id] });
    const [privateOne, publicOne] = await addPhotos(pool, owner.id, album, [
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
    ]);
    await deleteAlbum(viewerOf(owner), album);
    expect((await photoRow(pool, privateOne!))?.access_version).toBe(2);
    expect((await photoRow(pool, publicOne!))?.access_version).toBe(1);
  });
});
