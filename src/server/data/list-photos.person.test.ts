// getPerson: the profile, counts and albums on /people/<handle>, as each kind of viewer sees them.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { Prisma } = await import("@/generated/prisma/client");
const { visibleAlbumWhere } = await import("@/server/policy/albums");
const { getPerson, visibleAlbumSql } = await import("./get-person");

type Vis = "PUBLIC" | "PRIVATE" | "SHARED";
const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
afterAll(() => pool.end());
const viewerOf = (user: SeededUser) => ({ id: user.id, role: "USER" as const });

// Albums are listed newest first; `daysAgo` makes that order certain.
async function album(
  ownerId: string,
  title: string,
  visibility: Vis,
  daysAgo: number,
  sharedWith: string[] = [],
) {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO albums (owner_id, title, visibility, created_at)
     VALUES ($1, $2, $3::visibility, now() - $4 * interval '1 day') RETURNING id`,
    [ownerId, title, visibility, daysAgo],
  );
  for (const userId of sharedWith) {
    await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

async function photo(
  ownerId: string,
  albumId: string,
  visibility: Vis,
  minutesAgo: number,
  status = "READY",
) {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, visibility, status, created_at, title, original_key, mime_type,
                         byte_size, sha256, width, height)
     VALUES ($1, $2, $3::visibility, $4::photo_status, now() - $5 * interval '1 minute', 'p', 'k',
             'image/jpeg', 1, $6, 3, 2)
     RETURNING id`,
    [ownerId, albumId, visibility, status, minutesAgo, randomBytes(16).toString("hex")],
  );
  return rows[0]!.id;
}

describe("getPerson", () => {
  let owner: SeededUser;
  let friend: SeededUser;
  let stranger: SeededUser;
  const albums: Record<string, string> = {};
  const photos: Record<string, string> = {};

  beforeAll(async () => {
    [owner, friend, stranger] = await Promise.all([
      seedUser(pool, { displayName: "Ada Person" }),
      seedUser(pool),
      seedUser(pool),
    ]);
    albums.trip = await album(owner.id, "Trip", "PUBLIC", 4);
    albums.family = await album(owner.id, "Family", "SHARED", 3, [friend.id]);
    albums.secret = await album(owner.id, "Secret", "PRIVATE", 2);
    albums.empty = await album(owner.id, "Empty", "PUBLIC", 1);
    // Default album: one public, one private photo, one still processing.
    photos.streamPublic = await photo(owner.id, owner.defaultAlbumId, "PUBLIC", 1);
    photos.streamPrivate = await photo(owner.id, owner.defaultAlbumId, "PRIVATE", 2);
    await photo(owner.id, owner.defaultAlbumId, "PUBLIC", 0, "PROCESSING");
    // Trip: its newest photo is private, and a public album lends it to nobody (the access model).
    photos.tripNewest = await photo(owner.id, albums.trip, "PRIVATE", 3);
    photos.tripOld = await photo(owner.id, albums.trip, "PUBLIC", 30);
    photos.family = await photo(owner.id, albums.family, "PRIVATE", 4);
    photos.secretPublic = await photo(owner.id, albums.secret, "PUBLIC", 5);
    photos.secretPrivate = await photo(owner.id, albums.secret, "PRIVATE", 6);
    // Family's chosen cover is the owner's private photo in Secret: the friend may not see it.
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [
      photos.secretPrivate,
      albums.family,
    ]);
    await pool.query("UPDATE albums SET cover_photo_id = $1 WHERE id = $2", [photos.tripOld, albums.trip]);
  });

  const summary = (person: Awaited<ReturnType<typeof getPerson>>) =>
    person!.albums.map((a) => [a.title, a.photoCount, a.cover?.id ?? null]);

  it("shows a stranger public albums, public photos, and covers they may see", async () => {
    for (const viewer of [null, viewerOf(stranger)]) {
      const person = await getPerson(viewer, owner.handle);
      expect(person).toMatchObject({ id: owner.id, displayName: "Ada Person", isOwner: false });
      // streamPublic, tripOld, secretPublic.
      expect(person!.photoCount).toBe(3);
      expect(person!.albumCount).toBe(2);
      expect(summary(person)).toEqual([
        ["Empty", 0, null],
        ["Trip", 1, photos.tripOld],
      ]);
    }
  });

  it("shows a named viewer the album shared with them, with a cover they may see", async () => {
    const person = await getPerson(viewerOf(friend), owner.handle);
    expect(person!.photoCount).toBe(4);
    expect(summary(person)).toEqual([
      ["Empty", 0, null],
      ["Family", 1, photos.family],
      ["Trip", 1, photos.tripOld],
    ]);
  });

  it("shows the owner everything ready, the default album first, and says whose it is", async () => {
    const person = await getPerson(viewerOf(owner), owner.handle.toUpperCase());
    expect(person!.isOwner).toBe(true);
    expect(person!.photoCount).toBe(7);
    expect(person!.albumCount).toBe(5);
    expect(summary(person)).toEqual([
      ["Photostream", 2, photos.streamPublic],
      ["Empty", 0, null],
      ["Secret", 2, photos.secretPublic],
      // A chosen cover that is not in the album is never shown, not even to the owner.
      ["Family", 1, photos.family],
      ["Trip", 2, photos.tripOld],
    ]);
    expect(person!.albums[0]).toMatchObject({ isDefault: true, visibility: "PRIVATE" });
    expect(person!.albums[0]!.cover).toMatchObject({ owner: { handle: owner.handle }, width: 3, height: 2 });
  });

  it("lists the default album to others only when it is open to them and holds photos they may see", async () => {
    await pool.query("UPDATE albums SET visibility = 'PUBLIC' WHERE id = $1", [owner.defaultAlbumId]);
    try {
      expect(summary(await getPerson(null, owner.handle))[0]).toEqual([
        "Photostream",
        1,
        photos.streamPublic,
      ]);
      const quiet = await seedUser(pool);
      await pool.query("UPDATE albums SET visibility = 'PUBLIC' WHERE id = $1", [quiet.defaultAlbumId]);
      expect((await getPerson(null, quiet.handle))!.albums).toEqual([]);
    } finally {
      await pool.query("UPDATE albums SET visibility = 'PRIVATE' WHERE id = $1", [owner.defaultAlbumId]);
    }
  });

  it("is null for unknown or malformed handles", async () => {
    for (const handle of ["nobody-at-all", "", "a b", "%41da", "x".repeat(65), "'; DROP TABLE users; --"]) {
      expect(await getPerson(null, handle)).toBeNull();
    }
  });

  it("visibleAlbumSql agrees with visibleAlbumWhere for every kind of viewer", async () => {
    for (const viewer of [null, viewerOf(stranger), viewerOf(friend), viewerOf(owner)]) {
      const sql = await db().$queryRaw<{ id: string }[]>(
        Prisma.sql`SELECT a.id FROM albums a WHERE a.owner_id = ${owner.id}::uuid AND ${visibleAlbumSql(viewer)}`,
      );
      const policy = await db().album.findMany({
        where: { AND: [{ ownerId: owner.id }, visibleAlbumWhere(viewer)] },
        select: { id: true },
      });
      expect(sql.map((r) => r.id).sort()).toEqual(policy.map((r) => r.id).sort());
    }
  });
});
