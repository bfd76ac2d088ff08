import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { getPhoto } = await import("./get-photo");

type Visibility = "PUBLIC" | "PRIVATE" | "SHARED";

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
let owner: SeededUser;
let stranger: SeededUser;
let friend: SeededUser;

beforeAll(async () => {
  [owner, stranger, friend] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
});
afterAll(async () => {
  await pool.end();
});

const asViewer = (u: SeededUser) => ({ id: u.id, role: "USER" as const });

async function addPhoto(
  data: {
    visibility?: Visibility;
    status?: "PROCESSING" | "READY" | "FAILED";
    albumId?: string;
    title?: string;
    deletedAt?: Date;
    hiddenAt?: Date;
    allowOriginal?: boolean;
  } = {},
) {
  const photo = await db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: data.albumId ?? owner.defaultAlbumId,
      title: data.title ?? "Tram 28",
      description: "Line one\nline two",
      tags: ["lisbon", "tram"],
      visibility: data.visibility ?? "PUBLIC",
      status: data.status ?? "READY",
      failureReason: data.status === "FAILED" ? "The file is damaged" : null,
      originalKey: `k/${crypto.randomUUID()}`,
      originalName: "IMG_0001.jpg",
      mimeType: "image/jpeg",
      byteSize: 1000n,
      sha256: crypto.randomUUID(),
      width: 4000,
      height: 3000,
      takenAt: new Date("2008-05-30T15:56:01Z"),
      exif: {
        camera: { make: "Canon", model: "Canon EOS 40D" },
        lens: "EF-S 17-85mm",
        exposure: { exposureTime: "1/160", fNumber: 7.1, iso: 100, focalLength: 135 },
      },
      gpsLatitude: 43.4674,
      gpsLongitude: 11.8851,
      deletedAt: data.deletedAt,
      hiddenAt: data.hiddenAt,
      allowOriginal: data.allowOriginal,
      variants: {
        create: [1024, 240].map((width) => ({
          width,
          height: (width * 3) / 4,
          format: "webp",
          key: `v/${crypto.randomUUID()}`,
          byteSize: 10,
        })),
      },
    },
    select: { id: true },
  });
  return photo.id;
}

async function addAlbum(visibility: Visibility, title = "Lisbon, secretly") {
  const album = await db().album.create({
    data: { ownerId: owner.id, title, visibility },
    select: { id: true },
  });
  return album.id;
}

describe("getPhoto", () => {
  it("gives the owner everything, owner-only fields included", async () => {
    const id = await addPhoto({ visibility: "PRIVATE" });
    const photo = await getPhoto(asViewer(owner), id);
    expect(photo).toMatchObject({
      id,
      title: "Tram 28",
      description: "Line one\nline two",
      tags: ["lisbon", "tram"],
      isOwner: true,
      isPublic: false,
      visibility: "PRIVATE",
      exif: {
        make: "Canon",
        model: "Canon EOS 40D",
        lens: "EF-S 17-85mm",
        exposureTime: "1/160",
        fNumber: 7.1,
      },
      ownerOnly: {
        gps: { latitude: 43.4674, longitude: 11.8851 },
        originalName: "IMG_0001.jpg",
        albumId: owner.defaultAlbumId,
      },
    });
    expect(photo?.ownerOnly?.originalUrl).toMatch(new RegExp(`^/media/${id}/[0-9a-f]{16}/original$`));
    expect(photo?.variants.map((v) => v.width)).toEqual([240, 1024]);
    expect(photo?.takenAt?.toISOString()).toBe("2008-05-30T15:56:01.000Z");
  });

  it("gives others a public photo without its location, file name or failure reason", async () => {
    const id = await addPhoto();
    for (const viewer of [null, asViewer(stranger)]) {
      const photo = await getPhoto(viewer, id);
      expect(photo).not.toBeNull();
      expect(photo?.isOwner).toBe(false);
      expect(photo?.isPublic).toBe(true);
      expect(photo?.ownerOnly).toBeNull();
      // Nothing owner-only is anywhere in what a non-owner gets.
      const serialized = JSON.stringify(photo);
      expect(serialized).not.toContain("43.4674");
      expect(serialized).not.toContain("IMG_0001");
      expect(serialized).not.toContain("/original");
    }
  });

  it("offers others the original, without its location, only when the owner allows it", async () => {
    const closed = await addPhoto();
    const open = await addPhoto({ allowOriginal: true });
    const shared = await addPhoto({ visibility: "SHARED", allowOriginal: true });
    await db().accessGrant.create({ data: { userId: friend.id, photoId: shared } });

    expect((await getPhoto(null, closed))?.download).toBeNull();
    expect((await getPhoto(asViewer(owner), closed))?.download).toEqual({
      url: expect.stringMatching(new RegExp(`^/media/${closed}/[0-9a-f]{16}/original$`)),
      withoutLocation: false,
    });
    for (const [viewer, id] of [
      [null, open],
      [asViewer(stranger), open],
      [asViewer(friend), shared],
    ] as const) {
      expect((await getPhoto(viewer, id))?.download).toEqual({
        url: expect.stringMatching(/\/original$/),
        withoutLocation: true,
      });
    }
    // Allowing downloads lets nobody new see the photo.
    expect(await getPhoto(asViewer(stranger), shared)).toBeNull();
    expect((await getPhoto(asViewer(owner), open))?.ownerOnly?.allowOriginal).toBe(true);
  });

  it("answers null, the same for missing and not yours, for private, processing, failed, deleted, hidden photos", async () => {
    const ids = await Promise.all([
      addPhoto({ visibility: "PRIVATE" }),
      addPhoto({ status: "PROCESSING" }),
      addPhoto({ status: "FAILED" }),
      addPhoto({ deletedAt: new Date() }),
      addPhoto({ hiddenAt: new Date() }),
      addPhoto({ visibility: "SHARED" }),
    ]);
    for (const id of ids) {
      expect(await getPhoto(null, id)).toBeNull();
      expect(await getPhoto(asViewer(stranger), id)).toBeNull();
    }
    expect(await getPhoto(null, crypto.randomUUID())).toBeNull();
    expect(await getPhoto(null, "not-a-uuid")).toBeNull();
    expect(await getPhoto(null, "../../etc/passwd")).toBeNull();
  });

  it("shows the owner their processing and failed photos with the reason", async () => {
    const processing = await addPhoto({ status: "PROCESSING" });
    const failed = await addPhoto({ status: "FAILED" });
    expect((await getPhoto(asViewer(owner), processing))?.status).toBe("PROCESSING");
    const photo = await getPhoto(asViewer(owner), failed);
    expect(photo?.status).toBe("FAILED");
    expect(photo?.ownerOnly?.failureReason).toBe("The file is damaged");
    // Deleted is deleted, for the owner too.
    expect(await getPhoto(asViewer(owner), await addPhoto({ deletedAt: new Date() }))).toBeNull();
  });

  it("lets a named viewer see a shared photo, and nobody else", async () => {
    const id = await addPhoto({ visibility: "SHARED" });
    await db().accessGrant.create({ data: { userId: friend.id, photoId: id } });
    expect((await getPhoto(asViewer(friend), id))?.ownerOnly).toBeNull();
    expect(await getPhoto(asViewer(stranger), id)).toBeNull();
    // Shared is not public: no link previews.
    expect((await getPhoto(asViewer(friend), id))?.isPublic).toBe(false);
  });

  it("keeps a private photo in a public album private: the photo's own setting decides", async () => {
    const album = await addAlbum("PUBLIC", "Trams");
    const id = await addPhoto({ visibility: "PRIVATE", albumId: album });
    expect(await getPhoto(null, id)).toBeNull();
    const own = await getPhoto(asViewer(owner), id);
    expect(own?.isPublic).toBe(false);
    expect(own?.album).toEqual({ id: album, title: "Trams" });
  });

  it("names the album only to those who may see the album itself", async () => {
    const privateAlbum = await addAlbum("PRIVATE");
    const id = await addPhoto({ albumId: privateAlbum });
    expect((await getPhoto(null, id))?.album).toBeNull();
    expect((await getPhoto(asViewer(stranger), id))?.album).toBeNull();
    expect((await getPhoto(asViewer(owner), id))?.album).toEqual({
      id: privateAlbum,
      title: "Lisbon, secretly",
    });

    const sharedAlbum = await addAlbum("SHARED", "For friends");
    const shared = await addPhoto({ albumId: sharedAlbum });
    await db().accessGrant.create({ data: { userId: friend.id, albumId: sharedAlbum } });
    expect((await getPhoto(asViewer(friend), shared))?.album).toEqual({
      id: sharedAlbum,
      title: "For friends",
    });
    expect((await getPhoto(asViewer(stranger), shared))?.album).toBeNull();

    // The default album is the photostream: never an album link.
    expect((await getPhoto(asViewer(owner), await addPhoto()))?.album).toBeNull();
  });

  it("falls back to the owner's name for the alt text and reads odd EXIF defensively", async () => {
    const id = await addPhoto({ title: "  " });
    await db().photo.update({ where: { id }, data: { exif: { camera: "junk", exposure: { iso: "high" } } } });
    const photo = await getPhoto(null, id);
    expect(photo?.alt).toBe(`Photo by ${owner.displayName}`);
    expect(photo?.exif).toBeNull();
  });
});
