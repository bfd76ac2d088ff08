// Media secrets: random per photo, replaced whenever access narrows (by any path: the trigger sees
// every write) or by rotateMediaSecret, and each replacement (or a delete) queues one purge of the
// old URLs, naming the old secret, in the same transaction.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addPhotos, newUser, openPool, viewerOf } from "../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { rotateMediaSecret } = await import("./rotate-media-secret");
const { setPhotosVisibility } = await import("../data/albums/set-photos-visibility");
const { updatePhotoDetails } = await import("../data/update-photo-details");
const { trashPhotos } = await import("../data/trash/trash-photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

async function secrets(ids: string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ id: string; media_secret: string }>(
    "SELECT id, media_secret FROM photos WHERE id = ANY($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.media_secret]));
}

/** The purge jobs queued that name any of these photos, each as its list of { photoId, secret }. */
async function purgesOf(ids: string[]): Promise<{ photoId: string; secret: string }[][]> {
  const { rows } = await pool.query<{ payload: { media: { photoId: string; secret: string }[] } }>(
    `SELECT j.payload FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'purge-media'
      WHERE EXISTS (SELECT 1 FROM json_array_elements(j.payload->'media') m WHERE m->>'photoId' = ANY($1::text[]))
      ORDER BY j.id`,
    [ids],
  );
  return rows.map((r) => r.payload.media);
}

describe("media secrets", () => {
  it("are 16 random hex characters, one of its own for each photo", async () => {
    const owner = await newUser(pool);
    const ids = await addPhotos(pool, owner.id, owner.defaultAlbumId, 20);
    const all = [...(await secrets(ids)).values()];
    for (const s of all) expect(s).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(all).size).toBe(ids.length);
  });

  it("change where access narrows, in one purge for the statement naming the old secrets", async () => {
    const owner = await newUser(pool);
    const [pub, priv, pub2] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
    ]);
    const before = await secrets([pub!, priv!, pub2!]);
    await setPhotosVisibility(viewerOf(owner), [pub!, priv!, pub2!], "PRIVATE");
    const after = await secrets([pub!, priv!, pub2!]);
    expect(after.get(pub!)).not.toBe(before.get(pub!));
    expect(after.get(pub2!)).not.toBe(before.get(pub2!));
    // A private photo made private: nothing narrowed, nothing changes.
    expect(after.get(priv!)).toBe(before.get(priv!));
    const purges = await purgesOf([pub!, priv!, pub2!]);
    expect(purges).toHaveLength(1);
    expect(purges[0]!.sort((a, b) => a.photoId.localeCompare(b.photoId))).toEqual(
      [pub!, pub2!].sort().map((id) => ({ photoId: id, secret: before.get(id) })),
    );

    // Widening keeps the URLs: nothing to purge.
    await setPhotosVisibility(viewerOf(owner), [pub!], "PUBLIC");
    expect((await secrets([pub!])).get(pub!)).toBe(after.get(pub!));
    expect(await purgesOf([pub!, priv!, pub2!])).toHaveLength(1);
  });

  it("change when download of the original is turned off, not when it is turned on", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const details = { photoId: photo!, title: "t", description: "", tags: [], albumId: owner.defaultAlbumId };
    const first = (await secrets([photo!])).get(photo!);
    await updatePhotoDetails(viewerOf(owner), { ...details, allowOriginal: true });
    expect((await secrets([photo!])).get(photo!)).toBe(first);
    await updatePhotoDetails(viewerOf(owner), { ...details, allowOriginal: false });
    expect((await secrets([photo!])).get(photo!)).not.toBe(first);
    expect(await purgesOf([photo!])).toEqual([[{ photoId: photo!, secret: first }]]);
  });

  it("of a deleted photo are purged, whether the row goes or is marked deleted", async () => {
    const owner = await newUser(pool);
    const [gone, marked] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 2);
    const before = await secrets([gone!, marked!]);
    expect(await trashPhotos(viewerOf(owner), [gone!])).toBe(1);
    expect(await purgesOf([gone!])).toEqual([[{ photoId: gone!, secret: before.get(gone!) }]]);
    await pool.query("UPDATE photos SET deleted_at = now() WHERE id = $1", [marked]);
    expect((await secrets([marked!])).get(marked!)).not.toBe(before.get(marked!));
    expect(await purgesOf([marked!])).toEqual([[{ photoId: marked!, secret: before.get(marked!) }]]);
  });

  it("rotateMediaSecret replaces them in the caller's transaction and bumps the owner's pages", async () => {
    const owner = await newUser(pool);
    const [a, b, untouched] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 3);
    const before = await secrets([a!, b!, untouched!]);
    const version = async () =>
      Number(
        (await pool.query("SELECT version FROM page_versions WHERE owner_id = $1", [owner.id])).rows[0]
          ?.version ?? 0,
      );
    const pages = await version();
    // Rolled back with its transaction: nothing changes, nothing is queued.
    await expect(
      db().$transaction(async (tx) => {
        await rotateMediaSecret(tx, [a!]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await secrets([a!])).get(a!)).toBe(before.get(a!));
    expect(await purgesOf([a!])).toEqual([]);

    expect(await db().$transaction((tx) => rotateMediaSecret(tx, [a!, b!]))).toBe(2);
    const after = await secrets([a!, b!, untouched!]);
    expect(after.get(a!)).not.toBe(before.get(a!));
    expect(after.get(b!)).not.toBe(before.get(b!));
    expect(after.get(untouched!)).toBe(before.get(untouched!));
    expect(await version()).toBeGreaterThan(pages);
    expect((await purgesOf([a!, b!]))[0]!.map((m) => m.secret).sort()).toEqual(
      [before.get(a!), before.get(b!)].sort(),
    );
    expect(await db().$transaction((tx) => rotateMediaSecret(tx, []))).toBe(0);
  });
});
