import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { FILMSTRIP_RADIUS, getPhotoNeighbors, parseNeighborContext } = await import("./get-photo-neighbors");

type Visibility = "PUBLIC" | "PRIVATE" | "SHARED";

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(async () => {
  await pool.end();
});

const asViewer = (u: SeededUser) => ({ id: u.id, role: "USER" as const });

async function addPhoto(
  owner: SeededUser,
  data: {
    title: string;
    createdAt: Date;
    visibility?: Visibility;
    status?: "PROCESSING" | "READY" | "FAILED";
    albumId?: string;
    position?: number;
  },
) {
  const row = await db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: data.albumId ?? owner.defaultAlbumId,
      title: data.title,
      visibility: data.visibility ?? "PUBLIC",
      status: data.status ?? "READY",
      createdAt: data.createdAt,
      originalKey: `k/${crypto.randomUUID()}`,
      mimeType: "image/jpeg",
      byteSize: 1n,
      sha256: crypto.randomUUID(),
    },
    select: { id: true, albumId: true },
  });
  if (data.position !== undefined) {
    await db().albumPhoto.update({
      where: { albumId_photoId: { albumId: row.albumId, photoId: row.id } },
      data: { position: data.position },
    });
  }
  return row.id;
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute));

describe("getPhotoNeighbors in the photostream", () => {
  let owner: SeededUser;
  let stranger: SeededUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([seedUser(pool), seedUser(pool)]);
    const other = await seedUser(pool);
    // Newest first: e (newest) d c b a (oldest). c is private, x is someone else's.
    ids.a = await addPhoto(owner, { title: "a", createdAt: at(1) });
    ids.b = await addPhoto(owner, { title: "b", createdAt: at(2) });
    ids.c = await addPhoto(owner, { title: "c", createdAt: at(3), visibility: "PRIVATE" });
    ids.d = await addPhoto(owner, { title: "d", createdAt: at(4) });
    ids.e = await addPhoto(owner, { title: "e", createdAt: at(5) });
    ids.p = await addPhoto(owner, { title: "p", createdAt: at(6), status: "PROCESSING" });
    ids.x = await addPhoto(other, { title: "x", createdAt: at(3) });
  });

  it("gives the owner the newer photo as previous and the older as next, private ones included", async () => {
    const n = await getPhotoNeighbors(asViewer(owner), ids.c!);
    expect(n?.context).toEqual({ kind: "stream" });
    expect(n?.previous).toMatchObject({ id: ids.d, alt: "d" });
    expect(n?.previous?.mediaBase).toMatch(new RegExp(`^/media/${ids.d}/[0-9a-f]{16}$`));
    expect(n?.next).toMatchObject({ id: ids.b, alt: "b" });
    // The filmstrip: nearest first on each side, the processing photo left out.
    expect(n?.before.map((p) => p.alt)).toEqual(["d", "e"]);
    expect(n?.after.map((p) => p.alt)).toEqual(["b", "a"]);
  });

  it("gives the filmstrip no more than FILMSTRIP_RADIUS photos a side", async () => {
    const many = await seedUser(pool);
    const made: string[] = [];
    for (let i = 0; i < FILMSTRIP_RADIUS * 2 + 3; i++) {
      made.push(await addPhoto(many, { title: `m${i}`, createdAt: at(10 + i) }));
    }
    const middle = made[FILMSTRIP_RADIUS + 1]!;
    const n = await getPhotoNeighbors(null, middle);
    expect(n?.before).toHaveLength(FILMSTRIP_RADIUS);
    expect(n?.after).toHaveLength(FILMSTRIP_RADIUS);
    expect(n?.before[0]?.alt).toBe(`m${FILMSTRIP_RADIUS + 2}`);
    expect(n?.after[0]?.alt).toBe(`m${FILMSTRIP_RADIUS}`);
  });

  it("skips what the viewer may not see, and never leaves the owner's stream", async () => {
    const n = await getPhotoNeighbors(asViewer(stranger), ids.d!);
    expect(n?.previous?.id).toBe(ids.e);
    expect(n?.next?.id).toBe(ids.b);
    const anonymous = await getPhotoNeighbors(null, ids.b!);
    expect(anonymous?.previous?.id).toBe(ids.d);
    expect(anonymous?.next?.id).toBe(ids.a);
  });

  it("stops at both ends, leaving out photos still processing", async () => {
    const newest = await getPhotoNeighbors(asViewer(owner), ids.e!);
    expect(newest?.previous).toBeNull();
    expect(newest?.next?.id).toBe(ids.d);
    expect((await getPhotoNeighbors(asViewer(owner), ids.a!))?.next).toBeNull();
  });

  it("breaks ties in created_at by id, as the grid does", async () => {
    const tied = await seedUser(pool);
    const t = at(30);
    const made = await Promise.all(
      ["t1", "t2", "t3"].map((title) => addPhoto(tied, { title, createdAt: t })),
    );
    const order = [...made].sort().reverse(); // created_at DESC, id DESC
    const middle = await getPhotoNeighbors(null, order[1]!);
    expect(middle?.previous?.id).toBe(order[0]);
    expect(middle?.next?.id).toBe(order[2]);
  });

  it("is null for a photo the viewer may not see, confirming nothing", async () => {
    expect(await getPhotoNeighbors(asViewer(stranger), ids.c!)).toBeNull();
    expect(await getPhotoNeighbors(null, crypto.randomUUID())).toBeNull();
    expect(await getPhotoNeighbors(null, "nope")).toBeNull();
  });
});

describe("getPhotoNeighbors in an album", () => {
  it("follows the album's order by position, then id, when the photo is in that album", async () => {
    const owner = await seedUser(pool);
    const album = await db().album.create({
      data: { ownerId: owner.id, title: "Walk" },
      select: { id: true },
    });
    // Positions out of upload order, and one private photo the public does not see.
    const first = await addPhoto(owner, { title: "1", createdAt: at(9), albumId: album.id, position: 1 });
    const hidden = await addPhoto(owner, {
      title: "2",
      createdAt: at(1),
      albumId: album.id,
      position: 2,
      visibility: "PRIVATE",
    });
    const third = await addPhoto(owner, { title: "3", createdAt: at(5), albumId: album.id, position: 3 });
    const outside = await addPhoto(owner, { title: "stream", createdAt: at(4) });

    const context = parseNeighborContext(`album:${album.id}`);
    expect(context).toEqual({ kind: "album", albumId: album.id });
    const forPublic = await getPhotoNeighbors(null, third, context);
    expect(forPublic?.context).toEqual(context);
    expect(forPublic?.previous).toMatchObject({ id: first, alt: "1" });
    expect(forPublic?.next).toBeNull();
    expect(forPublic?.before.map((p) => p.id)).toEqual([first]);
    expect(forPublic?.after).toEqual([]);
    const forOwner = await getPhotoNeighbors(asViewer(owner), third, context);
    expect(forOwner?.previous?.id).toBe(hidden);

    // A photo that is not in the album named falls back to the photostream.
    const elsewhere = await getPhotoNeighbors(null, outside, context);
    expect(elsewhere?.context).toEqual({ kind: "stream" });
    expect(elsewhere?.previous?.id).toBe(third);
    expect(elsewhere?.next).toBeNull();
  });

  it("reads only well-formed album contexts", () => {
    expect(parseNeighborContext(undefined)).toEqual({ kind: "stream" });
    expect(parseNeighborContext("album:../../x")).toEqual({ kind: "stream" });
    expect(parseNeighborContext("stream")).toEqual({ kind: "stream" });
    const id = crypto.randomUUID();
    expect(parseNeighborContext([`album:${id}`, "album:other"])).toEqual({ kind: "album", albumId: id });
  });
});
