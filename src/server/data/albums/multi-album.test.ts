// A photo in many albums: the join table, its home album, and adding, removing, deleting, listing.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, albumOrder, newUser, openPool, photoRow, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { addPhotosToAlbum } = await import("./add-photos-to-album");
const { removePhotosFromAlbum } = await import("./remove-photos-from-album");
const { deleteAlbum } = await import("./delete-album");
const { movePhotos } = await import("./move-photos");
const { listPhotos } = await import("@/server/data/list-photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("a photo in many albums", () => {
  it("is in its home album from the start, and in more once added, each in its own place", async () => {
    const owner = await newUser(pool);
    const trip = await addAlbum(pool, owner.id, { title: "Trip" });
    const best = await addAlbum(pool, owner.id, { title: "Best of" });
    const [a, b] = await addPhotos(pool, owner.id, trip, 2);
    const [c] = await addPhotos(pool, owner.id, best, 1);
    expect(await albumOrder(pool, trip)).toEqual([a, b]);

    expect(await addPhotosToAlbum(viewerOf(owner), [b!, a!, b!], best)).toEqual({
      found: 2,
      added: 2,
      albumTitle: "Best of",
    });
    expect(await albumOrder(pool, best)).toEqual([c, b, a]);
    expect(await albumOrder(pool, trip)).toEqual([a, b]);
    // Home stays where the photo was first put (the storage layout follows it).
    expect((await photoRow(pool, a!))?.album_id).toBe(trip);
    // Adding again changes nothing.
    expect(await addPhotosToAlbum(viewerOf(owner), [a!], best)).toMatchObject({ found: 1, added: 0 });

    const listed = await listPhotos(viewerOf(owner), { kind: "album", albumId: best });
    expect(listed.photos.map((p) => p.id)).toEqual([c, b, a]);
  });

  it("adds nothing of another user's, and not to another user's album", async () => {
    const owner = await newUser(pool);
    const other = await newUser(pool);
    const mine = await addAlbum(pool, owner.id);
    const theirs = await addAlbum(pool, other.id);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const [theirPhoto] = await addPhotos(pool, other.id, other.defaultAlbumId, 1);
    await expect(addPhotosToAlbum(viewerOf(owner), [photo!], theirs)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await addPhotosToAlbum(viewerOf(owner), [theirPhoto!], mine)).toMatchObject({
      found: 0,
      added: 0,
    });
    expect(await albumOrder(pool, mine)).toEqual([]);
  });

  it("removing moves the home on to the next album, or back to the default album", async () => {
    const owner = await newUser(pool);
    const trip = await addAlbum(pool, owner.id, { title: "Trip" });
    const best = await addAlbum(pool, owner.id, { title: "Best of" });
    const [inBoth, onlyTrip] = await addPhotos(pool, owner.id, trip, 2);
    await addPhotosToAlbum(viewerOf(owner), [inBoth!], best);

    const result = await removePhotosFromAlbum(viewerOf(owner), [inBoth!, onlyTrip!], trip);
    expect(result).toEqual({ removed: 2, kept: 0, albumTitle: "Trip" });
    expect(await albumOrder(pool, trip)).toEqual([]);
    expect((await photoRow(pool, inBoth!))?.album_id).toBe(best);
    expect((await photoRow(pool, onlyTrip!))?.album_id).toBe(owner.defaultAlbumId);
    expect(await albumOrder(pool, owner.defaultAlbumId)).toEqual([onlyTrip]);

    // A photo in the default album and no other has nowhere else to be.
    expect(await removePhotosFromAlbum(viewerOf(owner), [onlyTrip!], owner.defaultAlbumId)).toMatchObject({
      removed: 0,
      kept: 1,
    });
    // Taking a second album away leaves the home album alone.
    await addPhotosToAlbum(viewerOf(owner), [onlyTrip!], best);
    expect(await removePhotosFromAlbum(viewerOf(owner), [onlyTrip!], best)).toMatchObject({ removed: 1 });
    expect((await photoRow(pool, onlyTrip!))?.album_id).toBe(owner.defaultAlbumId);
  });

  it("moving changes the home album and keeps the others; deleting an album keeps its photos", async () => {
    const owner = await newUser(pool);
    const trip = await addAlbum(pool, owner.id);
    const best = await addAlbum(pool, owner.id);
    const lisbon = await addAlbum(pool, owner.id);
    const [photo, alone] = await addPhotos(pool, owner.id, trip, 2);
    await addPhotosToAlbum(viewerOf(owner), [photo!], best);
    await movePhotos(viewerOf(owner), [photo!], lisbon);
    expect(await albumOrder(pool, trip)).toEqual([alone]);
    expect(await albumOrder(pool, best)).toEqual([photo]);
    expect(await albumOrder(pool, lisbon)).toEqual([photo]);

    await deleteAlbum(viewerOf(owner), lisbon);
    expect((await photoRow(pool, photo!))?.album_id).toBe(best);
    expect(await albumOrder(pool, best)).toEqual([photo]);
    await deleteAlbum(viewerOf(owner), trip);
    expect((await photoRow(pool, alone!))?.album_id).toBe(owner.defaultAlbumId);
  });
});
