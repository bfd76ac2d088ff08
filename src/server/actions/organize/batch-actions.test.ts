// The batch-edit and collection actions as an attacker would call them: no session, someone else's
// ids, malformed input. Nothing may change.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool } from "../../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();

const caller = vi.hoisted(() => ({ current: null as null | { id: string; handle: string } }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () =>
    caller.current && {
      ...caller.current,
      email: `${caller.current.handle}@example.test`,
      displayName: "Caller",
      role: "USER",
      sessionId: crypto.randomUUID(),
    },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const { renamePhotosAction } = await import("./rename-photos");
const { setPhotosDescriptionAction } = await import("./set-photos-description");
const { editPhotosTagsAction } = await import("./edit-photos-tags");
const { shiftPhotosTakenAtAction } = await import("./shift-photos-taken-at");
const { undoLastBatchAction } = await import("./undo-last-batch");
const { addPhotosToAlbumAction } = await import("./add-photos-to-album");
const { removePhotosFromAlbumAction } = await import("./remove-photos-from-album");
const { createCollectionAction } = await import("../collections/create-collection");
const { addCollectionAlbumAction } = await import("../collections/add-collection-album");
const { setCollectionCoverAction } = await import("../collections/set-collection-cover");
const { moveCollectionAlbumAction } = await import("../collections/move-collection-album");
const { removeCollectionAlbumAction } = await import("../collections/remove-collection-album");
const { deleteCollectionAction } = await import("../collections/delete-collection");
const { updateCollectionAction } = await import("../collections/update-collection");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());
beforeEach(() => {
  caller.current = null;
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

async function scene() {
  const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
  const album = await addAlbum(pool, owner.id, { title: "Trip" });
  const photos = await addPhotos(pool, owner.id, album, 2);
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO collections (owner_id, title) VALUES ($1, 'Mine') RETURNING id",
    [owner.id],
  );
  await pool.query("INSERT INTO collection_albums (collection_id, album_id) VALUES ($1, $2)", [
    rows[0]!.id,
    album,
  ]);
  const strangersAlbum = await addAlbum(pool, stranger.id, { title: "Theirs" });
  return { owner, stranger, album, photos, collection: rows[0]!.id, strangersAlbum };
}

async function snapshot(photos: string[], collection: string) {
  const p = await pool.query(
    "SELECT id, title, description, tags, taken_at FROM photos WHERE id = ANY($1::uuid[]) ORDER BY id",
    [photos],
  );
  const c = await pool.query(
    "SELECT c.title, c.cover_album_id, array_agg(ca.album_id ORDER BY ca.position) AS albums FROM collections c LEFT JOIN collection_albums ca ON ca.collection_id = c.id WHERE c.id = $1 GROUP BY c.id",
    [collection],
  );
  return { photos: p.rows, collection: c.rows };
}

describe("batch-edit and collection actions", () => {
  it("refuse an anonymous caller and someone else's ids, changing nothing", async () => {
    const { stranger, album, photos, collection, strangersAlbum } = await scene();
    const before = await snapshot(photos, collection);
    const ids = { photoIds: photos };
    const calls = () => [
      renamePhotosAction({}, form({ ...ids, pattern: "Pwned {n}" })),
      setPhotosDescriptionAction({}, form({ ...ids, description: "Pwned" })),
      editPhotosTagsAction({}, form({ ...ids, add: "pwned", remove: "" })),
      shiftPhotosTakenAtAction({}, form({ ...ids, amount: "1", unit: "days" })),
      addPhotosToAlbumAction({}, form({ ...ids, albumId: strangersAlbum })),
      removePhotosFromAlbumAction({}, form({ ...ids, albumId: album })),
      addCollectionAlbumAction({ collectionId: collection, albumId: strangersAlbum }),
      setCollectionCoverAction({ collectionId: collection, albumId: album }),
      moveCollectionAlbumAction({ collectionId: collection, albumId: album, direction: "later" }),
      removeCollectionAlbumAction({ collectionId: collection, albumId: album }),
      deleteCollectionAction({ collectionId: collection }),
      updateCollectionAction({}, form({ collectionId: collection, title: "Pwned", description: "" })),
    ];
    for (const result of await Promise.all(calls())) expect(result.error).toMatch(/^Sign in/);
    expect((await undoLastBatchAction()).error).toMatch(/^Sign in/);
    expect((await createCollectionAction({}, form({ title: "x", description: "" }))).error).toMatch(
      /^Sign in/,
    );

    caller.current = { id: stranger.id, handle: stranger.handle };
    for (const result of await Promise.all(calls()))
      expect(result.error).toMatch(/not found|No such|None of/);
    expect((await undoLastBatchAction()).error).toBe("There is nothing to undo.");
    expect(await snapshot(photos, collection)).toEqual(before);
  });

  it("reject malformed input with a clear message", async () => {
    const { owner, photos } = await scene();
    caller.current = { id: owner.id, handle: owner.handle };
    const ids = { photoIds: photos };
    expect((await renamePhotosAction({}, form({ ...ids, pattern: "  " }))).error).toMatch(/Type a title/);
    expect((await renamePhotosAction({}, form({ ...ids, pattern: "x".repeat(199) + "{n}" }))).error).toBe(
      "Keep the title to 200 characters",
    );
    expect((await editPhotosTagsAction({}, form({ ...ids, add: " ", remove: "" }))).error).toBe(
      "Type tags to add or to remove",
    );
    expect(
      (await shiftPhotosTakenAtAction({}, form({ ...ids, amount: "1.5", unit: "hours" }))).error,
    ).toMatch(/whole/);
    expect((await shiftPhotosTakenAtAction({}, form({ ...ids, amount: "999999", unit: "days" }))).error).toBe(
      "Shift by at most 100 years",
    );
    expect((await shiftPhotosTakenAtAction({}, form({ ...ids, amount: "2", unit: "weeks" }))).error).toMatch(
      /minutes, hours or days/,
    );
    expect((await renamePhotosAction({}, form({ pattern: "A {n}" }))).error).toBe(
      "Select at least one photo",
    );
    expect((await createCollectionAction({}, form({ title: " ", description: "" }))).fieldErrors?.title).toBe(
      "Give the collection a title",
    );
    expect((await shiftPhotosTakenAtAction({}, form({ ...ids, amount: "2", unit: "hours" }))).error).toBe(
      "None of those photos has a date taken to shift.",
    );
  });
});
