import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addPhotos, newUser, openPool, photoRow, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { setPhotosVisibility } = await import("./set-photos-visibility");
const { checkPhotoAccess } = await import("@/server/policy/photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("setPhotosVisibility", () => {
  it("bumps the access version only where access narrows", async () => {
    const owner = await newUser(pool);
    const [pub, shared, priv, pub2] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PUBLIC" },
      { visibility: "SHARED" },
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
    ]);
    expect(await setPhotosVisibility(viewerOf(owner), [pub!, shared!, priv!], "PRIVATE")).toBe(3);
    expect(await photoRow(pool, pub!)).toMatchObject({ visibility: "PRIVATE", access_version: 2 });
    expect(await photoRow(pool, shared!)).toMatchObject({ visibility: "PRIVATE", access_version: 2 });
    expect(await photoRow(pool, priv!)).toMatchObject({ visibility: "PRIVATE", access_version: 1 });
    expect(await checkPhotoAccess(null, [pub!, pub2!])).toEqual(new Set([pub2]));

    // Widening keeps URLs as they are.
    expect(await setPhotosVisibility(viewerOf(owner), [pub!, priv!], "PUBLIC")).toBe(2);
    expect(await photoRow(pool, pub!)).toMatchObject({ visibility: "PUBLIC", access_version: 2 });
    expect(await photoRow(pool, priv!)).toMatchObject({ visibility: "PUBLIC", access_version: 1 });
    await setPhotosVisibility(viewerOf(owner), [pub2!], "SHARED");
    expect(await photoRow(pool, pub2!)).toMatchObject({ visibility: "SHARED", access_version: 2 });
  });

  it("changes nothing of another user's", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    expect(await setPhotosVisibility(viewerOf(stranger), [photo!, "junk"], "PRIVATE")).toBe(0);
    expect(await setPhotosVisibility(viewerOf(stranger), [], "PRIVATE")).toBe(0);
    expect(await photoRow(pool, photo!)).toMatchObject({ visibility: "PUBLIC", access_version: 1 });
  });

  it("removes the named viewers when a photo is made private: sharing it again never brings them back", async () => {
    const [owner, ana, tom] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "SHARED" }]);
    for (const user of [ana, tom]) {
      await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [user.id, photo]);
    }
    expect(await checkPhotoAccess(viewerOf(ana), [photo!])).toEqual(new Set([photo]));
    await setPhotosVisibility(viewerOf(owner), [photo!], "PRIVATE");
    await setPhotosVisibility(viewerOf(owner), [photo!], "SHARED");
    expect(await checkPhotoAccess(viewerOf(ana), [photo!])).toEqual(new Set());
    expect(await checkPhotoAccess(viewerOf(tom), [photo!])).toEqual(new Set());
    const { rows } = await pool.query("SELECT 1 FROM access_grants WHERE photo_id = $1", [photo]);
    expect(rows).toEqual([]);
  });
});
