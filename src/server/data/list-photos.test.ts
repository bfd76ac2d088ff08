import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { Prisma } = await import("@/generated/prisma/client");
const { visiblePhotoWhere } = await import("@/server/policy/photos");
const { listPhotos, resolvePhotoScope, visiblePhotoSql } = await import("./list-photos");
const { encodeCursor } = await import("./photo-cursor");

type Vis = "PUBLIC" | "PRIVATE" | "SHARED";
type Viewer = { id: string; role: "USER" | "ADMIN" } | null;

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
afterAll(() => pool.end());

const viewerOf = (user: SeededUser): Viewer => ({ id: user.id, role: "USER" });

async function album(ownerId: string, visibility: Vis, sharedWith: string[] = []): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Album', $2::visibility) RETURNING id",
    [ownerId, visibility],
  );
  for (const userId of sharedWith) {
    await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

interface PhotoInput {
  albumId: string;
  visibility?: Vis;
  status?: "READY" | "PROCESSING" | "FAILED";
  hidden?: boolean;
  deleted?: boolean;
  createdAt?: Date;
  position?: number;
  sharedWith?: string[];
  title?: string;
}

async function photo(ownerId: string, input: PhotoInput): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, hidden_at, deleted_at,
                         created_at, original_key, mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3, $4::visibility, $5::photo_status, $6, $7, $8, 'k', 'image/jpeg', 1, $9, 4000, 3000)
     RETURNING id`,
    [
      ownerId,
      input.albumId,
      input.title ?? "",
      input.visibility ?? "PUBLIC",
      input.status ?? "READY",
      input.hidden ? new Date() : null,
      input.deleted ? new Date() : null,
      input.createdAt ?? new Date(),
      randomBytes(16).toString("hex"),
    ],
  );
  if (input.position !== undefined) {
    await pool.query("UPDATE album_photos SET position = $3 WHERE album_id = $1 AND photo_id = $2", [
      input.albumId,
      rows[0]!.id,
      input.position,
    ]);
  }
  for (const userId of input.sharedWith ?? []) {
    await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

/** Every page of a scope, `limit` at a time. */
async function allPages(viewer: Viewer, scope: Parameters<typeof listPhotos>[1], limit: number) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await listPhotos(viewer, scope, { cursor, limit });
    pages.push(page.photos.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describe("visiblePhotoSql", () => {
  // The owner's photos in every combination the policy distinguishes: photo and album visibility,
  // named grants on each, status, hidden, deleted.
  let owner: SeededUser;
  let grantee: SeededUser;
  let stranger: SeededUser;
  const expected = new Map<string, { stranger: boolean; grantee: boolean }>();

  beforeAll(async () => {
    [owner, grantee, stranger] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
    for (const albumVis of ["PUBLIC", "PRIVATE", "SHARED"] as const) {
      const albumId = await album(owner.id, albumVis, albumVis === "SHARED" ? [grantee.id] : []);
      for (const vis of ["PUBLIC", "PRIVATE", "SHARED"] as const) {
        for (const status of ["READY", "PROCESSING"] as const) {
          for (const hidden of [false, true]) {
            for (const deleted of [false, true]) {
              const id = await photo(owner.id, {
                albumId,
                visibility: vis,
                status,
                hidden,
                deleted,
                sharedWith: vis === "SHARED" ? [grantee.id] : [],
              });
              const shown = status === "READY" && !hidden && !deleted;
              expected.set(id, {
                stranger: shown && (vis === "PUBLIC" || albumVis === "PUBLIC"),
                grantee: shown && (vis !== "PRIVATE" || albumVis !== "PRIVATE"),
              });
            }
          }
        }
      }
    }
  });

  async function sqlIds(viewer: Viewer): Promise<string[]> {
    const rows = await db().$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT p.id FROM photos p WHERE p.owner_id = ${owner.id}::uuid AND ${visiblePhotoSql(viewer)}`,
    );
    return rows.map((r) => r.id).sort();
  }
  async function policyIds(viewer: Viewer): Promise<string[]> {
    const rows = await db().photo.findMany({
      where: { AND: [{ ownerId: owner.id }, visiblePhotoWhere(viewer)] },
      select: { id: true },
    });
    return rows.map((r) => r.id).sort();
  }

  it("agrees with visiblePhotoWhere for an anonymous visitor, a stranger, a grantee and the owner", async () => {
    for (const viewer of [null, viewerOf(stranger), viewerOf(grantee), viewerOf(owner)]) {
      expect(await sqlIds(viewer)).toEqual(await policyIds(viewer));
    }
  });

  it("says what the union rule says", async () => {
    const want = (who: "stranger" | "grantee") =>
      [...expected]
        .filter(([, v]) => v[who])
        .map(([id]) => id)
        .sort();
    expect(await sqlIds(null)).toEqual(want("stranger"));
    expect(await sqlIds(viewerOf(stranger))).toEqual(want("stranger"));
    expect(await sqlIds(viewerOf(grantee))).toEqual(want("grantee"));
    // The owner sees all but the deleted ones, whatever their status.
    expect((await sqlIds(viewerOf(owner))).length).toBe(expected.size / 2);
  });

  it("lists the same photos in a photostream as the policy allows, ready ones only", async () => {
    for (const viewer of [null, viewerOf(stranger), viewerOf(grantee), viewerOf(owner)]) {
      const listed = (await allPages(viewer, { kind: "stream", ownerId: owner.id }, 7)).flat().sort();
      const ready = await db().photo.findMany({
        where: { AND: [{ ownerId: owner.id, status: "READY" }, visiblePhotoWhere(viewer)] },
        select: { id: true },
      });
      expect(listed).toEqual(ready.map((r) => r.id).sort());
    }
  });

  it("puts in explore exactly what an anonymous visitor may see, for everyone", async () => {
    // Explore is global; other tests add photos too, so compare this owner's share of it. Their
    // photos are the newest, so the first pages hold all of them.
    const mine = new Set(expected.keys());
    const anonymous = (await allPages(null, { kind: "explore" }, 50)).flat().filter((id) => mine.has(id));
    const asOwner = (await allPages(viewerOf(owner), { kind: "explore" }, 50))
      .flat()
      .filter((id) => mine.has(id));
    const want = [...expected]
      .filter(([, v]) => v.stranger)
      .map(([id]) => id)
      .sort();
    expect([...anonymous].sort()).toEqual(want);
    expect([...asOwner].sort()).toEqual(want);
  });
});

describe("listPhotos pagination", () => {
  it("pages a photostream newest first, ties broken by id, and new uploads never shift later pages", async () => {
    const user = await seedUser(pool);
    const base = Date.parse("2026-01-01T00:00:00.000Z");
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Pairs share a timestamp, so the id has to break ties for pages to be stable.
      ids.push(
        await photo(user.id, {
          albumId: user.defaultAlbumId,
          createdAt: new Date(base - Math.floor(i / 2) * 1000),
        }),
      );
    }
    const { rows } = await pool.query<{ id: string }>(
      "SELECT id FROM photos WHERE owner_id = $1 ORDER BY created_at DESC, id DESC",
      [user.id],
    );
    const order = rows.map((r) => r.id);
    const scope = { kind: "stream", ownerId: user.id } as const;

    const first = await listPhotos(null, scope, { limit: 5 });
    const second = await listPhotos(null, scope, { cursor: first.nextCursor, limit: 5 });
    // Someone uploads while the visitor is on page 2: newer than everything shown so far.
    const fresh = [
      await photo(user.id, { albumId: user.defaultAlbumId, createdAt: new Date(base + 60_000) }),
      await photo(user.id, { albumId: user.defaultAlbumId, createdAt: new Date(base + 120_000) }),
    ];
    const rest: string[] = [];
    let cursor = second.nextCursor;
    while (cursor) {
      const page = await listPhotos(null, scope, { cursor, limit: 5 });
      rest.push(...page.photos.map((p) => p.id));
      cursor = page.nextCursor;
    }
    const seen = [...first.photos, ...second.photos].map((p) => p.id).concat(rest);
    expect(seen).toEqual(order);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(fresh[0]);
    // A new visit starts with them.
    expect((await listPhotos(null, scope, { limit: 2 })).photos.map((p) => p.id)).toEqual([
      fresh[1],
      fresh[0],
    ]);
  });

  it("pages an album by position, ties broken by id", async () => {
    const user = await seedUser(pool);
    const albumId = await album(user.id, "PUBLIC");
    for (const position of [3, 1, 2, 2, 2, 5, 4, 1])
      await photo(user.id, { albumId, position, visibility: "PRIVATE" });
    const { rows } = await pool.query<{ id: string }>(
      "SELECT photo_id AS id FROM album_photos WHERE album_id = $1 ORDER BY position, photo_id",
      [albumId],
    );
    const pages = await allPages(null, { kind: "album", albumId }, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(rows.map((r) => r.id));
  });

  it("reads a malformed or foreign cursor as the first page, and clamps the limit", async () => {
    const user = await seedUser(pool);
    for (let i = 0; i < 3; i++) await photo(user.id, { albumId: user.defaultAlbumId });
    const scope = { kind: "stream", ownerId: user.id } as const;
    const first = (await listPhotos(null, scope)).photos.map((p) => p.id);
    for (const cursor of ["nope", encodeCursor({ p: 1, id: first[0]! }), "e30", "x".repeat(500)]) {
      expect((await listPhotos(null, scope, { cursor })).photos.map((p) => p.id)).toEqual(first);
    }
    expect((await listPhotos(null, { kind: "album", albumId: "nope" })).photos).toEqual([]);
    expect((await listPhotos(null, scope, { limit: 0 })).photos).toHaveLength(3);
    expect((await listPhotos(null, scope, { limit: -5 })).photos).toHaveLength(1);
  });

  it("gives each card what a tile needs", async () => {
    const user = await seedUser(pool, { displayName: "Ada Tile" });
    await photo(user.id, { albumId: user.defaultAlbumId, title: "  " });
    await photo(user.id, { albumId: user.defaultAlbumId, title: "Harbour" });
    const [named, untitled] = (await listPhotos(null, { kind: "stream", ownerId: user.id })).photos;
    expect(named).toMatchObject({
      title: "Harbour",
      alt: "Harbour",
      width: 4000,
      height: 3000,
      visibility: "PUBLIC",
    });
    expect(named!.owner).toEqual({ handle: user.handle, displayName: "Ada Tile" });
    expect(named!.mediaBase).toBe(`/media/${named!.id}/1`);
    expect(untitled!.alt).toBe("Photo by Ada Tile");
  });
});

describe("resolvePhotoScope", () => {
  it("finds a person by handle, any case, and refuses unknown people and albums they may not open", async () => {
    const [owner, stranger] = await Promise.all([seedUser(pool), seedUser(pool)]);
    expect(await resolvePhotoScope(null, { scope: "stream", owner: owner.handle.toUpperCase() })).toEqual({
      kind: "stream",
      ownerId: owner.id,
    });
    await expect(resolvePhotoScope(null, { scope: "stream", owner: "nobody-here" })).rejects.toMatchObject({
      code: "not_found",
    });
    const privateAlbum = await album(owner.id, "PRIVATE");
    await expect(
      resolvePhotoScope(viewerOf(stranger), { scope: "album", album: privateAlbum }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await resolvePhotoScope(viewerOf(owner), { scope: "album", album: privateAlbum })).toEqual({
      kind: "album",
      albumId: privateAlbum,
    });
    await expect(resolvePhotoScope(null, { scope: "album", album: "not-an-id" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
