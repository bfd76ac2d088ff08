// The album and organise actions as an attacker would call them: no session, or someone else's ids.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import {
  addAlbum,
  addPhotos,
  albumOrder,
  newUser,
  openPool,
  photoRow,
} from "../../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();

// Who is calling: set per test. The actions read it only through getCurrentUser().
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

const { db } = await import("@/server/db/client");
const { createAlbumAction } = await import("../albums/create-album");
const { updateAlbumAction } = await import("../albums/update-album");
const { deleteAlbumAction } = await import("../albums/delete-album");
const { reorderAlbumAction } = await import("../albums/reorder-album");
const { setAlbumCoverAction } = await import("../albums/set-album-cover");
const { movePhotosAction } = await import("./move-photos");
const { deletePhotosAction } = await import("./delete-photos");
const { setPhotosVisibilityAction } = await import("./set-photos-visibility");

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
  const album = await addAlbum(pool, owner.id, { title: "Owner's album" });
  const photos = await addPhotos(pool, owner.id, album, 2);
  const strangersAlbum = await addAlbum(pool, stranger.id, { title: "Stranger's album" });
  return { owner, stranger, album, photos, strangersAlbum };
}

describe("album and organise actions", () => {
  it("refuse an anonymous caller, inside each action", async () => {
    const { album, photos } = await scene();
    const ids = { photoIds: photos };
    const results = [
      await createAlbumAction({}, form({ title: "x", description: "" })),
      await updateAlbumAction({}, form({ albumId: album, title: "x", description: "" })),
      await deleteAlbumAction({ ok: false }, form({ albumId: album })),
      await reorderAlbumAction({
        albumId: album,
        photoId: photos[0],
        move: { kind: "step", direction: "later" },
      }),
      await setAlbumCoverAction({ albumId: album, photoId: photos[0] }),
      await movePhotosAction({}, form({ ...ids, albumId: album })),
      await deletePhotosAction({}, form(ids)),
      await setPhotosVisibilityAction({}, form({ ...ids, visibility: "PRIVATE" })),
    ];
    for (const result of results) expect(result.error).toMatch(/^Sign in/);
    expect(await albumOrder(pool, album)).toEqual(photos);
    expect(await db().album.findUniqueOrThrow({ where: { id: album } })).toMatchObject({
      title: "Owner's album",
      coverPhotoId: null,
    });
  });

  it("treat another user's albums and photos as not found and change nothing", async () => {
    const { owner, stranger, album, photos, strangersAlbum } = await scene();
    caller.current = { id: stranger.id, handle: stranger.handle };

    expect(
      (await updateAlbumAction({}, form({ albumId: album, title: "Pwned", description: "" }))).error,
    ).toBe("No such album");
    expect((await deleteAlbumAction({ ok: false }, form({ albumId: album }))).error).toBe("No such album");
    expect(
      (
        await reorderAlbumAction({
          albumId: album,
          photoId: photos[1],
          move: { kind: "step", direction: "earlier" },
        })
      ).error,
    ).toBe("No such album");
    expect((await setAlbumCoverAction({ albumId: album, photoId: photos[0] })).error).toBe("No such album");
    expect((await setAlbumCoverAction({ albumId: strangersAlbum, photoId: photos[0] })).error).toBe(
      "No such photo in this album",
    );
    // Into their own album, or into the owner's: either way the owner's photos do not move.
    expect((await movePhotosAction({}, form({ photoIds: photos, albumId: strangersAlbum }))).error).toBe(
      "Those photos were not found.",
    );
    expect((await movePhotosAction({}, form({ photoIds: photos, albumId: album }))).error).toBe(
      "No such album",
    );
    expect((await deletePhotosAction({}, form({ photoIds: photos }))).error).toBe(
      "Those photos were not found.",
    );
    expect(
      (await setPhotosVisibilityAction({}, form({ photoIds: photos, visibility: "PRIVATE" }))).error,
    ).toBe("Those photos were not found.");

    expect(await albumOrder(pool, album)).toEqual(photos);
    for (const id of photos)
      expect(await photoRow(pool, id)).toMatchObject({ visibility: "PUBLIC", access_version: 1 });
    expect(await db().album.findUniqueOrThrow({ where: { id: album } })).toMatchObject({
      ownerId: owner.id,
      title: "Owner's album",
      coverPhotoId: null,
    });
  });

  it("reject malformed input before touching anything", async () => {
    const { owner, album } = await scene();
    caller.current = { id: owner.id, handle: owner.handle };
    expect((await createAlbumAction({}, form({ title: "   ", description: "" }))).fieldErrors?.title).toBe(
      "Give the album a title",
    );
    expect((await movePhotosAction({}, form({ albumId: album }))).error).toBe("Select at least one photo");
    expect((await deletePhotosAction({}, form({ photoIds: ["../../x"] }))).error).toMatch(/not found/);
    expect(
      (await setPhotosVisibilityAction({}, form({ photoIds: [crypto.randomUUID()], visibility: "SHARED" })))
        .error,
    ).toBe("Choose Public or Private");
    expect((await reorderAlbumAction({ albumId: album, photoId: "1 OR 1=1", move: {} })).ok).toBe(false);
  });

  it("do the owner's work and say what happened", async () => {
    const { owner, album, photos } = await scene();
    caller.current = { id: owner.id, handle: owner.handle };
    const created = await createAlbumAction({}, form({ title: "New", description: "d" }));
    expect(created).toMatchObject({ ok: true, albumTitle: "New" });
    const moved = await movePhotosAction(
      {},
      form({ photoIds: [photos[1]!, crypto.randomUUID()], albumId: created.albumId! }),
    );
    expect(moved).toEqual({ ok: true, message: "Moved 1 photo to “New”. 1 photo was not found." });
    const redirected = await deleteAlbumAction({ ok: false }, form({ albumId: album })).catch(
      (e: { url: string }) => e,
    );
    expect(redirected).toMatchObject({ url: `/albums/${owner.defaultAlbumId}?deleted=1` });
    expect((await photoRow(pool, photos[0]!))?.album_id).toBe(owner.defaultAlbumId);
  });
});
