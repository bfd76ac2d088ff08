// Batch edits on /organize and their Undo, against the real database: each edit changes only the
// owner's photos, keeps the previous values, and Undo puts them back once.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { renamePhotos } = await import("./rename-photos");
const { setPhotosDescription } = await import("./set-photos-description");
const { editPhotosTags, editedTags } = await import("./edit-photos-tags");
const { shiftPhotosTakenAt } = await import("./shift-photos-taken-at");
const { getLastBatch, undoLastBatch } = await import("./undo-last-batch");
const { listOrganizePhotos } = await import("./list-organize-photos");
const { setPhotosVisibility } = await import("../albums/set-photos-visibility");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

async function rows(ids: string[]) {
  const { rows } = await pool.query<{
    id: string;
    title: string;
    description: string;
    tags: string[];
    taken_at: Date | null;
    visibility: string;
    access_version: number;
  }>(
    `SELECT id, title, description, tags, taken_at, visibility::text AS visibility, access_version
     FROM photos WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
    [ids],
  );
  return rows;
}

async function scene() {
  const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
  const photos = await addPhotos(pool, owner.id, owner.defaultAlbumId, 3);
  await pool.query(
    "UPDATE photos SET taken_at = '2024-05-01T10:00:00Z', tags = '{tram,old}' WHERE id = ANY($1)",
    [photos.slice(0, 2)],
  );
  const [theirs] = await addPhotos(pool, stranger.id, stranger.defaultAlbumId, 1);
  return { owner: viewerOf(owner), stranger: viewerOf(stranger), photos, theirs: theirs! };
}

describe("batch edits", () => {
  it("rename from a pattern in the order given, and undo puts the titles back", async () => {
    const { owner, photos, theirs } = await scene();
    const [a, b, c] = photos as [string, string, string];
    expect(await renamePhotos(owner, [c, a, theirs, "junk", b], "Lisbon {n}")).toBe(3);
    expect((await rows([c, a, b])).map((r) => r.title)).toEqual(["Lisbon 1", "Lisbon 2", "Lisbon 3"]);
    expect((await rows([theirs]))[0]!.title).toBe("Photo 1");
    expect(await getLastBatch(owner)).toEqual({ label: "Renamed 3 photos" });

    expect(await undoLastBatch(owner)).toEqual({ label: "Renamed 3 photos", restored: 3 });
    expect((await rows([a, b, c])).map((r) => r.title)).toEqual(["Photo 1", "Photo 2", "Photo 3"]);
    expect(await getLastBatch(owner)).toBeNull();
    await expect(undoLastBatch(owner)).rejects.toMatchObject({ code: "not_found" });
  });

  it("describe, tag and shift dates; only the last batch is undone", async () => {
    const { owner, photos } = await scene();
    const [a, b, c] = photos as [string, string, string];
    expect(await setPhotosDescription(owner, photos, "Trams <b>and</b> tiles")).toBe(3);
    expect(await editPhotosTags(owner, photos, { add: ["lisbon", "tram"], remove: ["old"] })).toBe(3);
    expect((await rows(photos)).map((r) => r.tags)).toEqual([
      ["tram", "lisbon"],
      ["tram", "lisbon"],
      ["lisbon", "tram"],
    ]);
    expect(await shiftPhotosTakenAt(owner, photos, -120)).toEqual({ shifted: 2, undated: 1 });
    expect((await rows([a, b, c])).map((r) => r.taken_at?.toISOString() ?? null)).toEqual([
      "2024-05-01T08:00:00.000Z",
      "2024-05-01T08:00:00.000Z",
      null,
    ]);

    expect((await undoLastBatch(owner)).restored).toBe(2);
    const after = await rows(photos);
    expect(after.map((r) => r.taken_at?.toISOString() ?? null)).toEqual([
      "2024-05-01T10:00:00.000Z",
      "2024-05-01T10:00:00.000Z",
      null,
    ]);
    // Earlier batches stay as they were.
    expect(after.map((r) => r.description)).toEqual(Array(3).fill("Trams <b>and</b> tiles"));
    expect(after[0]!.tags).toEqual(["tram", "lisbon"]);
  });

  it("undo of a visibility change narrows with a new access version", async () => {
    const { owner, photos } = await scene();
    const [a, b] = photos as [string, string, string];
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [b]);
    expect(await setPhotosVisibility(owner, [a, b], "PUBLIC")).toBe(2);
    expect(await getLastBatch(owner)).toEqual({ label: "Made 2 photos public" });
    await undoLastBatch(owner);
    expect((await rows([a, b])).map((r) => [r.visibility, r.access_version])).toEqual([
      ["PUBLIC", 1],
      ["PRIVATE", 2],
    ]);
  });

  it("another person's batch neither touches nor undoes the owner's photos", async () => {
    const { owner, stranger, photos } = await scene();
    await renamePhotos(owner, photos, "Mine {n}");
    expect(await renamePhotos(stranger, photos, "Pwned")).toBe(0);
    expect(await setPhotosDescription(stranger, photos, "Pwned")).toBe(0);
    expect(await editPhotosTags(stranger, photos, { add: ["pwned"], remove: [] })).toBe(0);
    expect(await shiftPhotosTakenAt(stranger, photos, 60)).toEqual({ shifted: 0, undated: 0 });
    await expect(undoLastBatch(stranger)).rejects.toMatchObject({ code: "not_found" });
    expect((await rows(photos)).map((r) => r.title)).toEqual(["Mine 1", "Mine 2", "Mine 3"]);
    expect(await getLastBatch(owner)).toEqual({ label: "Renamed 3 photos" });
  });

  it("leaves trashed photos alone", async () => {
    const { owner, photos } = await scene();
    const [a, b] = photos as [string, string, string];
    await pool.query("UPDATE photos SET trashed_at = now() WHERE id = $1", [a]);
    expect(await renamePhotos(owner, [a, b], "Kept {n}")).toBe(1);
    expect((await rows([a, b])).map((r) => r.title)).toEqual(["Photo 1", "Kept 1"]);
    expect((await listOrganizePhotos(owner, {}, { maxIds: 500 })).matchIds).not.toContain(a);
  });

  it("keeps tags unique and within the limit", () => {
    expect(editedTags(["a", "b"], ["b", "c"], ["a"])).toEqual(["b", "c"]);
    expect(editedTags([], ["x"], ["x"])).toEqual([]);
    expect(
      editedTags(
        Array.from({ length: 30 }, (_, i) => `t${i}`),
        ["new"],
        [],
      ),
    ).toHaveLength(30);
  });
});

describe("listOrganizePhotos", () => {
  it("narrows the owner's photos by album, words and date taken, and counts every match", async () => {
    const { owner, photos, theirs } = await scene();
    const album = await addAlbum(pool, owner.id, { title: "Trip" });
    const [inAlbum] = await addPhotos(pool, owner.id, album, [{ title: "Sunset over the river" }]);
    const all = await listOrganizePhotos(owner, {}, { maxIds: 500 });
    expect(all.matchCount).toBe(4);
    expect(all.photos.map((p) => p.id)).not.toContain(theirs);

    const byAlbum = await listOrganizePhotos(owner, { albumId: album }, { maxIds: 500 });
    expect(byAlbum.matchIds).toEqual([inAlbum]);
    const byWords = await listOrganizePhotos(owner, { q: "sunse" }, { maxIds: 500 });
    expect(byWords.matchIds).toEqual([inAlbum]);
    const byDate = await listOrganizePhotos(
      owner,
      { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-02T00:00:00Z") },
      { maxIds: 500 },
    );
    expect(new Set(byDate.matchIds)).toEqual(new Set(photos.slice(0, 2)));
    const paged = await listOrganizePhotos(owner, {}, { limit: 1, maxIds: 2 });
    expect(paged.photos).toHaveLength(1);
    expect(paged.nextCursor).not.toBeNull();
    expect(paged).toMatchObject({ matchCount: 4 });
    expect(paged.matchIds).toHaveLength(2);
    expect((await listOrganizePhotos(owner, { albumId: "x' OR 1=1" }, { maxIds: 5 })).matchCount).toBe(0);
  });
});
