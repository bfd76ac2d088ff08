// The access matrix: every actor × photo visibility × photo grant × album (public, shared with Tom or
// not, trashed) × state × share link × permission, decided by the one definition (`photoAllows`) and
// required of every form the database runs: checkAccess (the Prisma forms visiblePhotoWhere and
// linkedPhotoWhere), the raw visiblePhotoSql, photoAccessFor on a loaded row, and the album grid.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addAlbum, newUser, openPool, viewerOf, type Vis } from "../data/albums/album-fixtures";
import type { PhotoFacts } from "./access";
import type { ShareLinkGrant } from "./share-links";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { Prisma } = await import("@/generated/prisma/client");
const access = await import("./access");
const { photoAccessFor } = await import("./photos");
const { listPhotos } = await import("@/server/data/list-photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

type User = Awaited<ReturnType<typeof newUser>>;
type AlbumKind = "none" | "public" | "shared-with-tom" | "shared-not-tom" | "trashed-shared-with-tom";
type State = "ready" | "processing" | "hidden" | "deleted" | "trashed";

interface Fixture extends PhotoFacts {
  label: string;
}

let owner: User;
let tom: User;
let stranger: User;
const fixtures: Fixture[] = [];
const albums: Record<Exclude<AlbumKind, "none">, string> = {} as never;
const albumVis: Record<Exclude<AlbumKind, "none">, Vis> = {
  public: "PUBLIC",
  "shared-with-tom": "SHARED",
  "shared-not-tom": "SHARED",
  "trashed-shared-with-tom": "SHARED",
};
let photoLink: ShareLinkGrant;
let albumLink: ShareLinkGrant;
let foreignLink: ShareLinkGrant;

async function insertPhoto(seed: {
  visibility: Vis;
  state: State;
  allowOriginal: boolean;
  tomGrant: boolean;
  album: AlbumKind;
}): Promise<string> {
  const at = (s: State) => (seed.state === s ? new Date() : null);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, visibility, status, hidden_at, deleted_at, trashed_at, allow_original,
                         title, original_key, mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3::visibility, $4::photo_status, $5, $6, $7, $8, 'Matrix', 'k', 'image/jpeg', 1, $9, 3, 2)
     RETURNING id`,
    [
      owner.id,
      owner.defaultAlbumId,
      seed.visibility,
      seed.state === "processing" ? "PROCESSING" : "READY",
      at("hidden"),
      at("deleted"),
      at("trashed"),
      seed.allowOriginal,
      randomBytes(16).toString("hex"),
    ],
  );
  const id = rows[0]!.id;
  if (seed.tomGrant) {
    await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [tom.id, id]);
  }
  if (seed.album !== "none") {
    await pool.query("INSERT INTO album_photos (album_id, photo_id, position) VALUES ($1, $2, 1)", [
      albums[seed.album],
      id,
    ]);
  }
  return id;
}

function factsOf(id: string, seed: Parameters<typeof insertPhoto>[0]): Fixture {
  const albumFacts: PhotoFacts["albums"] = [
    { id: owner.defaultAlbumId, visibility: "PRIVATE", trashed: false, grantees: [] },
  ];
  if (seed.album !== "none") {
    albumFacts.push({
      id: albums[seed.album],
      visibility: albumVis[seed.album],
      trashed: seed.album === "trashed-shared-with-tom",
      grantees: seed.album.includes("with-tom") ? [tom.id] : [],
    });
  }
  return {
    label: `${seed.visibility} photo${seed.tomGrant ? " named Tom" : ""}, ${seed.state}, album ${seed.album}${seed.allowOriginal ? ", originals allowed" : ""}`,
    id,
    ownerId: owner.id,
    status: seed.state === "processing" ? "PROCESSING" : "READY",
    visibility: seed.visibility,
    hidden: seed.state === "hidden",
    deleted: seed.state === "deleted",
    trashed: seed.state === "trashed",
    allowOriginal: seed.allowOriginal,
    grantees: seed.tomGrant ? [tom.id] : [],
    albums: albumFacts,
  };
}

async function link(target: { photoId: string } | { albumId: string }, createdById: string) {
  const { rows } = await pool.query<{ id: string; token: string }>(
    `INSERT INTO share_links (token, created_by_id, photo_id, album_id) VALUES ($1, $2, $3, $4) RETURNING id, token`,
    [
      randomBytes(24).toString("base64url"),
      createdById,
      "photoId" in target ? target.photoId : null,
      "albumId" in target ? target.albumId : null,
    ],
  );
  return {
    id: rows[0]!.id,
    token: rows[0]!.token,
    createdById,
    photoId: "photoId" in target ? target.photoId : null,
    albumId: "albumId" in target ? target.albumId : null,
    passwordHash: null,
    expiresAt: null,
  } satisfies ShareLinkGrant;
}

beforeAll(async () => {
  [owner, tom, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
  for (const kind of Object.keys(albumVis) as (keyof typeof albumVis)[]) {
    albums[kind] = await addAlbum(pool, owner.id, {
      title: kind,
      visibility: albumVis[kind],
      sharedWith: kind.includes("with-tom") ? [tom.id] : [],
    });
  }
  await pool.query("UPDATE albums SET trashed_at = now() WHERE id = $1", [albums["trashed-shared-with-tom"]]);
  const states: State[] = ["ready", "processing", "hidden", "deleted", "trashed"];
  const albumKinds: AlbumKind[] = [
    "none",
    "public",
    "shared-with-tom",
    "shared-not-tom",
    "trashed-shared-with-tom",
  ];
  for (const visibility of ["PUBLIC", "SHARED", "PRIVATE"] as const) {
    for (const tomGrant of visibility === "SHARED" ? [true, false] : [false]) {
      for (const album of albumKinds) {
        for (const state of album === "none" || album === "shared-with-tom" ? states : (["ready"] as const)) {
          for (const allowOriginal of state === "ready" ? [false, true] : [false]) {
            const seed = { visibility, tomGrant, album, state, allowOriginal };
            fixtures.push(factsOf(await insertPhoto(seed), seed));
          }
        }
      }
    }
  }
  const someone = await newUser(pool);
  photoLink = await link({ photoId: fixtures[0]!.id }, owner.id);
  albumLink = await link({ albumId: albums["shared-not-tom"] }, owner.id);
  // A link someone else made to the owner's album can open nothing of it.
  foreignLink = await link({ albumId: albums.public }, someone.id);
});

function actors() {
  return [
    { name: "anonymous", actor: access.viewerActor(null) },
    { name: "stranger", actor: access.viewerActor(viewerOf(stranger)) },
    { name: "Tom", actor: access.viewerActor(viewerOf(tom)) },
    { name: "owner", actor: access.viewerActor(viewerOf(owner)) },
    { name: "photo link", actor: access.linkActor(photoLink) },
    { name: "album link", actor: access.linkActor(albumLink) },
    { name: "foreign link", actor: access.linkActor(foreignLink) },
  ];
}

const expected = (
  actor: Parameters<typeof access.photoAllows>[0],
  permission: (typeof access.PERMISSIONS)[number],
) => fixtures.filter((f) => access.photoAllows(actor, permission, f)).map((f) => f.label);

const labelsOf = (ids: Set<string>) => fixtures.filter((f) => ids.has(f.id)).map((f) => f.label);

describe("the access model", () => {
  it("checkAccess agrees with the definition for every actor and permission", async () => {
    const ids = fixtures.map((f) => f.id);
    for (const { name, actor } of actors()) {
      for (const permission of access.PERMISSIONS) {
        const allowed = await access.checkAccess(actor, permission, ids);
        expect(labelsOf(allowed), `${name} ${permission}`).toEqual(expected(actor, permission));
      }
    }
  });

  it("visiblePhotoSql agrees with the definition for every viewer", async () => {
    const ids = fixtures.map((f) => f.id);
    for (const { name, actor } of actors()) {
      if (actor.kind !== "viewer") continue;
      const rows = await db().$queryRaw<{ id: string }[]>(
        Prisma.sql`SELECT p.id FROM photos p WHERE p.id = ANY(${ids}::uuid[]) AND ${access.visiblePhotoSql(actor.viewer)}`,
      );
      expect(labelsOf(new Set(rows.map((r) => r.id))), name).toEqual(expected(actor, "read"));
    }
  });

  it("photoAccessFor on a loaded row agrees with the definition for every viewer", async () => {
    const rows = await db().photo.findMany({
      where: { id: { in: fixtures.map((f) => f.id) } },
      select: {
        id: true,
        ownerId: true,
        status: true,
        hiddenAt: true,
        deletedAt: true,
        trashedAt: true,
        visibility: true,
      },
    });
    for (const { name, actor } of actors()) {
      if (actor.kind !== "viewer") continue;
      const seen = new Set<string>();
      for (const row of rows) if (await photoAccessFor(actor.viewer, row)) seen.add(row.id);
      expect(labelsOf(seen), name).toEqual(expected(actor, "read"));
    }
  });

  it("lists in each album grid exactly what the definition lets each viewer read there", async () => {
    for (const { name, actor } of actors()) {
      if (actor.kind !== "viewer") continue;
      for (const kind of ["public", "shared-with-tom", "shared-not-tom"] as const) {
        const page = await listPhotos(actor.viewer, { kind: "album", albumId: albums[kind] }, { limit: 200 });
        const want = fixtures
          .filter((f) => f.albums.some((a) => a.id === albums[kind]) && access.photoAllows(actor, "read", f))
          .filter((f) => f.status === "READY")
          .map((f) => f.label)
          .sort();
        expect(labelsOf(new Set(page.photos.map((p) => p.id))).sort(), `${name} in ${kind}`).toEqual(want);
      }
    }
  });

  it("a photo shared with Tom in a public album: not for anonymous visitors, visible to Tom", async () => {
    const photo = fixtures.find((f) => f.label === "SHARED photo named Tom, ready, album public")!;
    expect(await access.checkAccess(access.viewerActor(null), "read", [photo.id])).toEqual(new Set());
    expect(await access.checkAccess(access.viewerActor(viewerOf(stranger)), "read", [photo.id])).toEqual(
      new Set(),
    );
    expect(await access.checkAccess(access.viewerActor(viewerOf(tom)), "read", [photo.id])).toEqual(
      new Set([photo.id]),
    );
  });

  it("an album shared with Tom shows him its private photos, and nobody else", async () => {
    const privateInShared = fixtures.find((f) => f.label === "PRIVATE photo, ready, album shared-with-tom")!;
    const page = await listPhotos(viewerOf(tom), { kind: "album", albumId: albums["shared-with-tom"] });
    expect(page.photos.map((p) => p.id)).toContain(privateInShared.id);
    const strangers = await listPhotos(viewerOf(stranger), {
      kind: "album",
      albumId: albums["shared-with-tom"],
    });
    expect(strangers.photos.map((p) => p.id)).not.toContain(privateInShared.id);
    // Its trashed twin lends nothing.
    const inTrashed = fixtures.find(
      (f) => f.label === "PRIVATE photo, ready, album trashed-shared-with-tom",
    )!;
    expect(await access.checkAccess(access.viewerActor(viewerOf(tom)), "read", [inTrashed.id])).toEqual(
      new Set(),
    );
  });

  it("requireAccess refuses unless every id is allowed, as not found", async () => {
    const open = fixtures.find((f) => f.label === "PUBLIC photo, ready, album none")!;
    const closed = fixtures.find((f) => f.label === "PRIVATE photo, ready, album none")!;
    await expect(access.requireAccess(access.viewerActor(null), "read", [open.id])).resolves.toBeUndefined();
    await expect(
      access.requireAccess(access.viewerActor(null), "read", [open.id, closed.id]),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      access.requireAccess(access.viewerActor(viewerOf(tom)), "edit", [open.id]),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      access.requireAccess(access.viewerActor(viewerOf(owner)), "edit", [open.id]),
    ).resolves.toBeUndefined();
  });
});
