import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

// Who is calling: set per test. serveMedia reads it only through getCurrentUser().
let caller: SeededUser | null = null;
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => (caller ? { id: caller.id, role: "USER" } : null),
}));

const storageDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-serve-media-"));
process.env.DATABASE_URL = testDatabaseUrl();
process.env.LOCAL_STORAGE_DIR = storageDir;
delete process.env.REDIS_URL; // this file is about the in-memory cache (Redis: read-media-bytes-redis.test.ts)
const { db } = await import("@/server/db/client");
const { serveMedia } = await import("./serve-media");

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
let owner: SeededUser;
let friend: SeededUser;

beforeAll(async () => {
  [owner, friend] = await Promise.all([seedUser(pool), seedUser(pool)]);
});
afterAll(async () => {
  await pool.end();
  rmSync(storageDir, { recursive: true, force: true });
});

/** A ready photo with a 50 px variant whose bytes are on disk. */
async function addPhoto(visibility: "PUBLIC" | "PRIVATE" | "SHARED" = "PUBLIC") {
  const key = `test/${crypto.randomUUID()}/w50.webp`;
  const bytes = Buffer.from(`RIFF-${crypto.randomUUID()}`);
  mkdirSync(path.dirname(path.join(storageDir, key)), { recursive: true });
  writeFileSync(path.join(storageDir, key), bytes);
  const photo = await db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: owner.defaultAlbumId,
      visibility,
      status: "READY",
      originalKey: `test/${crypto.randomUUID()}/original.jpg`,
      mimeType: "image/jpeg",
      byteSize: 1000n,
      sha256: crypto.randomUUID(),
      variants: { create: [{ width: 50, height: 38, format: "webp", key, byteSize: bytes.length }] },
    },
    select: { id: true, mediaSecret: true },
  });
  const removeFile = () => unlinkSync(path.join(storageDir, key));
  return { ...photo, bytes, removeFile };
}

function get(photo: { id: string; mediaSecret: string }, file = "w50.webp") {
  const url = `http://pinhole.test/media/${photo.id}/${photo.mediaSecret}/${file}`;
  return serveMedia(new Request(url), { photoId: photo.id, version: photo.mediaSecret, file });
}

async function secretOf(id: string): Promise<string> {
  return (await db().photo.findUniqueOrThrow({ where: { id }, select: { mediaSecret: true } })).mediaSecret;
}

describe("serveMedia", () => {
  it("serves a public thumbnail to anyone, cacheable for a year, and keeps its bytes in memory", async () => {
    caller = null;
    const photo = await addPhoto();
    const first = await get(photo);
    expect(first.status).toBe(200);
    // Browsers keep it a year; shared caches ask again within a minute (MEDIA_SHARED_MAX_AGE_SECONDS).
    expect(first.headers.get("cache-control")).toBe("public, max-age=31536000, immutable, s-maxage=60");
    expect(first.headers.get("vary")).toBeNull();
    expect(Buffer.from(await first.arrayBuffer())).toEqual(photo.bytes);
    // Gone from storage, still served: the bytes came from the cache.
    photo.removeFile();
    const second = await get(photo);
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer())).toEqual(photo.bytes);
  });

  it("refuses a photo made private on the very next request, its bytes cached or not", async () => {
    caller = null;
    const photo = await addPhoto();
    expect((await get(photo)).status).toBe(200); // now in the cache
    await db().photo.update({ where: { id: photo.id }, data: { visibility: "PRIVATE" } });
    const after = await get(photo);
    expect(after.status).toBe(404);
    expect(after.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses every request of a burst that arrives after the change (one batched lookup)", async () => {
    caller = null;
    const photos = await Promise.all(Array.from({ length: 12 }, () => addPhoto()));
    const before = await Promise.all(photos.map((p) => get(p)));
    expect(before.map((r) => r.status)).toEqual(photos.map(() => 200));
    await db().photo.updateMany({
      where: { id: { in: photos.slice(0, 6).map((p) => p.id) } },
      data: { hiddenAt: new Date() },
    });
    const burst = await Promise.all(photos.flatMap((p) => [get(p), get(p)]));
    expect(burst.map((r) => r.status)).toEqual(photos.flatMap((_, i) => (i < 6 ? [404, 404] : [200, 200])));
  });

  it("serves a private thumbnail to its owner only, never publicly cacheable, and never from the cache", async () => {
    const photo = await addPhoto("PRIVATE");
    caller = null;
    expect((await get(photo)).status).toBe(404);
    caller = owner;
    const mine = await get(photo);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    expect(mine.headers.get("vary")).toBe("Cookie");
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(photo.bytes);
    // Read from storage each time: nothing of a private photo is kept.
    photo.removeFile();
    expect((await get(photo)).status).toBe(404);
  });

  it("refuses a named viewer on the next request once their grant is revoked", async () => {
    const photo = await addPhoto("SHARED");
    const grant = await db().accessGrant.create({ data: { userId: friend.id, photoId: photo.id } });
    caller = friend;
    const shared = await get(photo);
    expect(shared.status).toBe(200);
    expect(shared.headers.get("cache-control")).toBe("private, no-cache");
    await db().accessGrant.delete({ where: { id: grant.id } });
    expect((await get(photo)).status).toBe(404);
  });

  it("refuses an old version's URL and a deleted photo", async () => {
    caller = null;
    const photo = await addPhoto();
    expect((await get(photo)).status).toBe(200);
    await db().photo.update({ where: { id: photo.id }, data: { accessVersion: { increment: 1 } } });
    expect((await get(photo)).status).toBe(404);
    const fresh = { ...photo, mediaSecret: await secretOf(photo.id) };
    expect(fresh.mediaSecret).not.toBe(photo.mediaSecret);
    expect((await get(fresh)).status).toBe(200);
    await db().photo.update({ where: { id: photo.id }, data: { deletedAt: new Date() } });
    expect((await get(fresh)).status).toBe(404);
  });

  it("finds nothing under a URL made from the photo's id: neither the version counter nor a guessed secret", async () => {
    caller = null;
    const photo = await addPhoto();
    for (const version of ["1", "2", "0000000000000001", "0".repeat(16), photo.mediaSecret.toUpperCase()]) {
      const res = await serveMedia(new Request(`http://pinhole.test/media/${photo.id}/${version}/w50.webp`), {
        photoId: photo.id,
        version,
        file: "w50.webp",
      });
      expect(res.status, version).toBe(404);
    }
    expect((await get(photo)).status).toBe(200);
  });

  it("lets shared caches keep only the ladder's widths, which a purge names", async () => {
    caller = null;
    const photo = await addPhoto();
    const odd = await get(photo, "w51.webp");
    expect(odd.status).toBe(200);
    expect(odd.headers.get("cache-control")).toBe("public, max-age=31536000, immutable, s-maxage=0");
  });
});
