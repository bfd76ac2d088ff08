import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, albumOrder, newUser, openPool, photoRow, viewerOf } from "./album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { reorderAlbum } = await import("./reorder-album");
const { positionBetween, POSITION_STEP } = await import("./album-positions");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

async function albumWith(count: number) {
  const owner = await newUser(pool);
  const album = await addAlbum(pool, owner.id);
  const ids = await addPhotos(pool, owner.id, album, count);
  return { owner, viewer: viewerOf(owner), album, ids };
}

describe("positionBetween", () => {
  it("bisects, extends either end, and says when doubles run out", () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(null, 1024)).toBe(1024 - POSITION_STEP);
    expect(positionBetween(2048, null)).toBe(2048 + POSITION_STEP);
    expect(positionBetween(null, null)).toBe(POSITION_STEP);
    expect(positionBetween(5, 5)).toBeNull();
    // Upload positions are epoch milliseconds: neighbours one ulp apart leave no room.
    const t = 1_767_225_600_000;
    expect(positionBetween(t, t + 2 ** -12)).toBeNull();
  });
});

describe("reorderAlbum", () => {
  it("moves a photo one place earlier or later, rewriting only that photo", async () => {
    const { viewer, album, ids } = await albumWith(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    expect(
      await reorderAlbum(viewer, {
        albumId: album,
        photoId: c,
        move: { kind: "step", direction: "earlier" },
      }),
    ).toEqual({ moved: true, renumbered: false });
    expect(await albumOrder(pool, album)).toEqual([a, c, b, d]);
    expect((await photoRow(pool, c))?.position).toBe(1536);
    expect((await photoRow(pool, b))?.position).toBe(2048);

    await reorderAlbum(viewer, { albumId: album, photoId: a, move: { kind: "step", direction: "later" } });
    expect(await albumOrder(pool, album)).toEqual([c, a, b, d]);
    await reorderAlbum(viewer, { albumId: album, photoId: c, move: { kind: "step", direction: "later" } });
    await reorderAlbum(viewer, { albumId: album, photoId: c, move: { kind: "step", direction: "later" } });
    await reorderAlbum(viewer, { albumId: album, photoId: c, move: { kind: "step", direction: "later" } });
    expect(await albumOrder(pool, album)).toEqual([a, b, d, c]);
  });

  it("does nothing at either end", async () => {
    const { viewer, album, ids } = await albumWith(2);
    const first = { albumId: album, photoId: ids[0]!, move: { kind: "step", direction: "earlier" } as const };
    const last = { albumId: album, photoId: ids[1]!, move: { kind: "step", direction: "later" } as const };
    expect(await reorderAlbum(viewer, first)).toEqual({ moved: false, renumbered: false });
    expect(await reorderAlbum(viewer, last)).toEqual({ moved: false, renumbered: false });
    expect(await albumOrder(pool, album)).toEqual(ids);
  });

  it("drops a photo before or after another one", async () => {
    const { viewer, album, ids } = await albumWith(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    await reorderAlbum(viewer, {
      albumId: album,
      photoId: d,
      move: { kind: "drop", place: "before", targetId: a },
    });
    expect(await albumOrder(pool, album)).toEqual([d, a, b, c]);
    await reorderAlbum(viewer, {
      albumId: album,
      photoId: d,
      move: { kind: "drop", place: "after", targetId: b },
    });
    expect(await albumOrder(pool, album)).toEqual([a, b, d, c]);
    await reorderAlbum(viewer, {
      albumId: album,
      photoId: a,
      move: { kind: "drop", place: "after", targetId: c },
    });
    expect(await albumOrder(pool, album)).toEqual([b, d, c, a]);
    expect(
      await reorderAlbum(viewer, {
        albumId: album,
        photoId: a,
        move: { kind: "drop", place: "after", targetId: a },
      }),
    ).toEqual({ moved: false, renumbered: false });
  });

  it("steps over photos the grid does not show (still processing)", async () => {
    const owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id);
    const [a, hidden, b] = await addPhotos(pool, owner.id, album, [{}, { status: "PROCESSING" }, {}]);
    await reorderAlbum(viewerOf(owner), {
      albumId: album,
      photoId: b!,
      move: { kind: "step", direction: "earlier" },
    });
    const order = await albumOrder(pool, album);
    expect(order.indexOf(b!)).toBeLessThan(order.indexOf(a!));
    expect(order).toContain(hidden);
  });

  it("renumbers the album only when the gap between the new neighbours has run out", async () => {
    const owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id);
    const t = 1_767_225_600_000;
    const ids = await addPhotos(pool, owner.id, album, [
      { position: t },
      { position: t + 2 ** -12 },
      { position: t + 1 },
      { position: t + 2, status: "PROCESSING" },
    ]);
    const [a, b, c, p] = ids as [string, string, string, string];
    const result = await reorderAlbum(viewerOf(owner), {
      albumId: album,
      photoId: c,
      move: { kind: "drop", place: "after", targetId: a },
    });
    expect(result).toEqual({ moved: true, renumbered: true });
    expect(await albumOrder(pool, album)).toEqual([a, c, b, p]);
    const positions = await Promise.all([a, c, b, p].map(async (id) => (await photoRow(pool, id))?.position));
    expect(positions).toEqual([1, 2, 3, 4].map((n) => n * POSITION_STEP));

    // Plenty of room again: the next move writes one row.
    expect(
      await reorderAlbum(viewerOf(owner), {
        albumId: album,
        photoId: b,
        move: { kind: "step", direction: "earlier" },
      }),
    ).toEqual({ moved: true, renumbered: false });
  });

  it("keeps working through many moves into the same spot", async () => {
    const { viewer, album, ids } = await albumWith(3);
    const [a, b, c] = ids as [string, string, string];
    // b and c take turns moving right after a: each move halves the same gap.
    let renumbered = 0;
    for (let i = 0; i < 60; i++) {
      const photoId = i % 2 === 0 ? c : b;
      const r = await reorderAlbum(viewer, {
        albumId: album,
        photoId,
        move: { kind: "drop", place: "after", targetId: a },
      });
      if (r.renumbered) renumbered++;
      expect((await albumOrder(pool, album))[1]).toBe(photoId);
    }
    expect(renumbered).toBeGreaterThan(0);
    expect(renumbered).toBeLessThan(10);
  });

  it("treats another user's album or photo as not found and changes nothing", async () => {
    const { viewer, album, ids } = await albumWith(2);
    const stranger = viewerOf(await newUser(pool));
    const move = { kind: "step", direction: "later" } as const;
    await expect(reorderAlbum(stranger, { albumId: album, photoId: ids[0]!, move })).rejects.toMatchObject({
      code: "not_found",
    });
    // The stranger's own album with the owner's photo id: still nothing.
    const strangersAlbum = await addAlbum(pool, stranger.id);
    await addPhotos(pool, stranger.id, strangersAlbum, 1);
    await expect(
      reorderAlbum(stranger, { albumId: strangersAlbum, photoId: ids[0]!, move }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    // A drop target from another album is not found either.
    const [otherAlbumPhoto] = await addPhotos(pool, viewer.id, await addAlbum(pool, viewer.id), 1);
    await expect(
      reorderAlbum(viewer, {
        albumId: album,
        photoId: ids[0]!,
        move: { kind: "drop", place: "after", targetId: otherAlbumPhoto! },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await albumOrder(pool, album)).toEqual(ids);
  });
});
