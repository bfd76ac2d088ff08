// The photo policy as the media route and the listings use it: photoAccessFor on a loaded row,
// originalCopyFor, and the OR precedence of every list that combines "mine OR shared OR public".
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addAlbum, newUser, openPool, viewerOf, type Vis } from "../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { checkPhotoAccess, originalCopyFor, photoAccessFor } = await import("./photos");
const { listPhotos } = await import("@/server/data/list-photos");
const { getPerson } = await import("@/server/data/get-person");
const { getPhotoNeighbors } = await import("@/server/data/get-photo-neighbors");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

type User = Awaited<ReturnType<typeof newUser>>;
interface Seed {
  albumId: string;
  visibility: Vis;
  status?: "READY" | "PROCESSING" | "FAILED";
  hidden?: boolean;
  deleted?: boolean;
  sharedWith?: string[];
  title?: string;
}

async function photo(ownerId: string, seed: Seed): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, visibility, status, hidden_at, deleted_at, title, original_key,
                         mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3::visibility, $4::photo_status, $5, $6, $7, 'k', 'image/jpeg', 1, $8, 3, 2)
     RETURNING id`,
    [
      ownerId,
      seed.albumId,
      seed.visibility,
      seed.status ?? "READY",
      seed.hidden ? new Date() : null,
      seed.deleted ? new Date() : null,
      seed.title ?? "",
      randomBytes(16).toString("hex"),
    ],
  );
  const id = rows[0]!.id;
  for (const userId of seed.sharedWith ?? []) {
    await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [userId, id]);
  }
  return id;
}

const accessRow = (id: string) =>
  db().photo.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      ownerId: true,
      status: true,
      hiddenAt: true,
      deletedAt: true,
      visibility: true,
      trashedAt: true,
    },
  });

describe("photoAccessFor", () => {
  let owner: User;
  let grantee: User;
  let stranger: User;
  const ids: string[] = [];

  beforeAll(async () => {
    [owner, grantee, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    for (const albumVis of ["PUBLIC", "PRIVATE", "SHARED"] as const) {
      const albumId = await addAlbum(pool, owner.id, {
        visibility: albumVis,
        sharedWith: albumVis === "SHARED" ? [grantee.id] : [],
      });
      for (const visibility of ["PUBLIC", "PRIVATE", "SHARED"] as const) {
        for (const variant of [{}, { status: "PROCESSING" }, { hidden: true }, { deleted: true }] as const) {
          ids.push(
            await photo(owner.id, {
              albumId,
              visibility,
              ...variant,
              sharedWith: visibility === "SHARED" ? [grantee.id] : [],
            }),
          );
        }
      }
    }
  });

  it("says what visiblePhotoWhere says, for every kind of viewer and photo", async () => {
    for (const viewer of [null, viewerOf(stranger), viewerOf(grantee), viewerOf(owner)]) {
      const allowed = await checkPhotoAccess(viewer, ids);
      for (const id of ids) {
        const access = await photoAccessFor(viewer, await accessRow(id));
        expect({ id, viewer: viewer?.id ?? null, visible: access !== null }).toEqual({
          id,
          viewer: viewer?.id ?? null,
          visible: allowed.has(id),
        });
      }
    }
  });

  it("names the kind of access: owner, public, or granted by name", async () => {
    const publicId = ids[0]!; // PUBLIC album, PUBLIC photo, ready
    const sharedOnly = await photo(owner.id, {
      albumId: owner.defaultAlbumId,
      visibility: "SHARED",
      sharedWith: [grantee.id],
    });
    expect(await photoAccessFor(viewerOf(owner), await accessRow(sharedOnly))).toBe("owner");
    expect(await photoAccessFor(viewerOf(grantee), await accessRow(sharedOnly))).toBe("granted");
    expect(await photoAccessFor(viewerOf(stranger), await accessRow(sharedOnly))).toBeNull();
    expect(await photoAccessFor(null, await accessRow(publicId))).toBe("public");
  });

  it("decides the owner and public photos from the row alone, without asking the database", async () => {
    // A row that is in no table: any answer here cannot have come from a query.
    const row = {
      id: crypto.randomUUID(),
      ownerId: owner.id,
      status: "PROCESSING",
      hiddenAt: new Date(),
      deletedAt: null,
      visibility: "PRIVATE",
      trashedAt: null,
    };
    expect(await photoAccessFor(viewerOf(owner), row)).toBe("owner");
    const publicRow = { ...row, status: "READY", hiddenAt: null, visibility: "PUBLIC" };
    expect(await photoAccessFor(viewerOf(stranger), publicRow)).toBe("public");
    expect(await photoAccessFor(viewerOf(stranger), row)).toBeNull();
    expect(await photoAccessFor(viewerOf(owner), { ...row, deletedAt: new Date() })).toBeNull();
  });
});

describe("originalCopyFor", () => {
  it("gives the owner the file as uploaded, others the file without location only when allowed", () => {
    const ownerId = crypto.randomUUID();
    const owner = { id: ownerId, role: "USER" as const };
    const other = { id: crypto.randomUUID(), role: "USER" as const };
    expect(originalCopyFor(owner, { ownerId, allowOriginal: false })).toBe("as-uploaded");
    expect(originalCopyFor(owner, { ownerId, allowOriginal: true })).toBe("as-uploaded");
    expect(originalCopyFor(other, { ownerId, allowOriginal: false })).toBeNull();
    expect(originalCopyFor(null, { ownerId, allowOriginal: false })).toBeNull();
    expect(originalCopyFor(other, { ownerId, allowOriginal: true })).toBe("without-location");
    expect(originalCopyFor(null, { ownerId, allowOriginal: true })).toBe("without-location");
    // An admin is not the owner: the location stays the owner's.
    expect(originalCopyFor({ ...other, role: "ADMIN" }, { ownerId, allowOriginal: true })).toBe(
      "without-location",
    );
  });
});

// Lychee CVE-2026-39957: "owner = X AND visibility = public OR owner = me" read as "(…) OR owner = me"
// returned the caller's own rows, or worse, inside someone else's listing. Each viewer here owns
// private photos and albums of their own, so a wrongly bracketed OR would pull them in.
describe("OR precedence in listings", () => {
  let owner: User;
  let stranger: User;
  let grantee: User;
  let ownerAlbum: string;
  const secret = `secret-${randomBytes(4).toString("hex")}`;
  const visibleToStranger = new Set<string>();
  const visibleToGrantee = new Set<string>();
  const inAlbum = { stranger: new Set<string>(), grantee: new Set<string>() };

  beforeAll(async () => {
    [owner, stranger, grantee] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    ownerAlbum = await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [grantee.id] });
    const inStream = async (vis: Vis, shared = false) =>
      photo(owner.id, {
        albumId: owner.defaultAlbumId,
        visibility: vis,
        sharedWith: shared ? [grantee.id] : [],
        title: secret,
      });
    const pub = await inStream("PUBLIC");
    await inStream("PRIVATE");
    const shared = await inStream("SHARED", true);
    await inStream("SHARED"); // shared with nobody
    const albumPrivate = await photo(owner.id, { albumId: ownerAlbum, visibility: "PRIVATE", title: secret });
    const albumPublic = await photo(owner.id, { albumId: ownerAlbum, visibility: "PUBLIC", title: secret });
    visibleToStranger.add(pub).add(albumPublic);
    inAlbum.stranger.add(albumPublic);
    inAlbum.grantee.add(albumPublic).add(albumPrivate);
    visibleToGrantee.add(pub).add(shared).add(albumPrivate).add(albumPublic);
    // The viewers' own private photos, albums and grants on third parties' photos.
    for (const viewer of [stranger, grantee]) {
      const own = await addAlbum(pool, viewer.id, { visibility: "PRIVATE", title: `${secret} album` });
      await photo(viewer.id, { albumId: own, visibility: "PRIVATE", title: secret });
      await photo(viewer.id, { albumId: viewer.defaultAlbumId, visibility: "PRIVATE", title: secret });
    }
  });

  async function listedIds(viewer: User | null, scope: Parameters<typeof listPhotos>[1]): Promise<string[]> {
    const page = await listPhotos(viewer && viewerOf(viewer), scope, { limit: 200 });
    return page.photos.map((p) => p.id).sort();
  }

  it("a photostream holds only that owner's photos the viewer may see", async () => {
    const scope = { kind: "stream" as const, ownerId: owner.id };
    expect(await listedIds(stranger, scope)).toEqual([...visibleToStranger].sort());
    expect(await listedIds(null, scope)).toEqual([...visibleToStranger].sort());
    expect(await listedIds(grantee, scope)).toEqual([...visibleToGrantee].sort());
  });

  it("an album holds only its photos the viewer may see", async () => {
    const scope = { kind: "album" as const, albumId: ownerAlbum };
    expect(await listedIds(grantee, scope)).toEqual([...inAlbum.grantee].sort());
    expect(await listedIds(stranger, scope)).toEqual([...inAlbum.stranger].sort());
    expect(await listedIds(null, scope)).toEqual([...inAlbum.stranger].sort());
  });

  it("the person page lists no album or photo count of the viewer's own on someone else's page", async () => {
    for (const viewer of [stranger, grantee]) {
      const person = await getPerson(viewerOf(viewer), owner.handle);
      expect(person?.albums.map((a) => a.title)).not.toContain(`${secret} album`);
      const expected = viewer === stranger ? visibleToStranger : visibleToGrantee;
      expect(person?.photoCount).toBe(expected.size);
    }
  });

  it("previous and next never step into a photo the viewer may not see", async () => {
    for (const [viewer, visible] of [
      [stranger, visibleToStranger],
      [grantee, visibleToGrantee],
    ] as const) {
      for (const id of visible) {
        const neighbors = await getPhotoNeighbors(viewerOf(viewer), id, { kind: "stream" });
        for (const n of [neighbors?.previous, neighbors?.next]) if (n) expect(visible.has(n.id)).toBe(true);
      }
    }
  });
});
