import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { visibleAlbumWhere, checkAlbumAccess, requireAlbumAccess, requireAlbumOwner } =
  await import("./albums");
const { checkPhotoAccess } = await import("./photos");
const { AppError } = await import("@/server/errors/app-error");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("album visibility", () => {
  let owner: Awaited<ReturnType<typeof newUser>>;
  let friend: Awaited<ReturnType<typeof newUser>>;
  let stranger: Awaited<ReturnType<typeof newUser>>;
  let albums: Record<"public" | "private" | "sharedWithFriend" | "sharedWithNobody", string>;

  beforeAll(async () => {
    [owner, friend, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    albums = {
      public: await addAlbum(pool, owner.id, { visibility: "PUBLIC" }),
      private: await addAlbum(pool, owner.id, { visibility: "PRIVATE" }),
      sharedWithFriend: await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [friend.id] }),
      sharedWithNobody: await addAlbum(pool, owner.id, { visibility: "SHARED" }),
    };
  });

  const all = () => [...Object.values(albums), owner.defaultAlbumId];

  it("shows the owner every one of their albums", async () => {
    expect(await checkAlbumAccess(viewerOf(owner), all())).toEqual(new Set(all()));
  });

  it("shows an anonymous visitor public albums only", async () => {
    expect(await checkAlbumAccess(null, all())).toEqual(new Set([albums.public]));
  });

  it("shows a named viewer the albums shared with them, and nobody else's shares", async () => {
    expect(await checkAlbumAccess(viewerOf(friend), all())).toEqual(
      new Set([albums.public, albums.sharedWithFriend]),
    );
    expect(await checkAlbumAccess(viewerOf(stranger), all())).toEqual(new Set([albums.public]));
  });

  it("a grant on a PRIVATE album lets nobody in: the album's visibility must say SHARED", async () => {
    await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [
      stranger.id,
      albums.private,
    ]);
    expect((await checkAlbumAccess(viewerOf(stranger), [albums.private])).size).toBe(0);
  });

  it("keeps a PRIVATE album unlisted while its public photos stay visible on their own", async () => {
    const [pub, priv] = await addPhotos(pool, owner.id, albums.private, [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
    ]);
    await expect(requireAlbumAccess(null, albums.private)).rejects.toMatchObject({ code: "not_found" });
    expect(await checkPhotoAccess(null, [pub!, priv!])).toEqual(new Set([pub]));
  });

  it("never returns another user's private albums when combined with an owner filter (OR precedence)", async () => {
    // The stranger's own albums OR'd wrongly with "owner = X" would leak; AND-ing keeps it scoped.
    const rows = await db().album.findMany({
      where: { AND: [{ ownerId: owner.id }, visibleAlbumWhere(viewerOf(stranger))] },
      select: { id: true },
    });
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([albums.public]));
    const anonymous = await db().album.findMany({
      where: { AND: [{ ownerId: owner.id }, visibleAlbumWhere(null)] },
      select: { id: true },
    });
    expect(anonymous.map((r) => r.id)).toEqual([albums.public]);
  });

  it("reports others' albums and malformed ids as not found, never forbidden", async () => {
    for (const [viewer, id] of [
      [viewerOf(stranger), albums.public],
      [viewerOf(stranger), albums.private],
      [null, albums.public],
      [viewerOf(owner), "not-a-uuid"],
      [viewerOf(owner), crypto.randomUUID()],
    ] as const) {
      const error = await requireAlbumOwner(viewer, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "not_found" });
    }
    await expect(requireAlbumOwner(viewerOf(owner), albums.private)).resolves.toBeUndefined();
    await expect(requireAlbumAccess(viewerOf(friend), albums.sharedWithFriend)).resolves.toBeUndefined();
    expect((await checkAlbumAccess(viewerOf(owner), ["x", "'; DROP TABLE albums; --"])).size).toBe(0);
  });
});
