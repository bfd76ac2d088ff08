import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";
import { hasRedisServer, startRedis, stopRedis, waitFor } from "../../../test/support/redis-server";

// Thumbnails' bytes in Redis, and Redis stopping and starting under the app: a redis-server of this
// file's own, so the machine's Redis is never stopped.
const OWN_REDIS_PORT = 3272;
const ownRedisUrl = `redis://127.0.0.1:${OWN_REDIS_PORT}`;
const enabled = Boolean(process.env.REDIS_URL) && hasRedisServer;

vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => null }));

const storageDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-media-redis-"));
const redisDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-media-redis-data-"));
process.env.DATABASE_URL = testDatabaseUrl();
process.env.LOCAL_STORAGE_DIR = storageDir;
process.env.REDIS_URL = ownRedisUrl;
// No memory tier: every hit below must come from Redis (or, Redis down, from storage).
process.env.MEDIA_CACHE_MAX_MB = "0";
const { db } = await import("@/server/db/client");
const { serveMedia } = await import("./serve-media");

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
let owner: SeededUser;
let server: ChildProcess | undefined;
const inspect = new Redis(ownRedisUrl, { lazyConnect: true, retryStrategy: () => 100 });
inspect.on("error", () => undefined);

beforeAll(async () => {
  owner = await seedUser(pool);
  if (enabled) server = await startRedis(OWN_REDIS_PORT, redisDir);
});
afterAll(async () => {
  inspect.disconnect();
  (await import("@/server/cache/redis")).redis()?.disconnect();
  await stopRedis(server);
  await pool.end();
  rmSync(storageDir, { recursive: true, force: true });
  rmSync(redisDir, { recursive: true, force: true });
});

async function addPhoto() {
  const key = `test/${crypto.randomUUID()}/w50.webp`;
  const bytes = Buffer.from(`RIFF-${crypto.randomUUID()}`);
  mkdirSync(path.dirname(path.join(storageDir, key)), { recursive: true });
  writeFileSync(path.join(storageDir, key), bytes);
  const photo = await db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: owner.defaultAlbumId,
      status: "READY",
      originalKey: `test/${crypto.randomUUID()}/original.jpg`,
      mimeType: "image/jpeg",
      byteSize: 1000n,
      sha256: crypto.randomUUID(),
      variants: { create: [{ width: 50, height: 38, format: "webp", key, byteSize: bytes.length }] },
    },
    select: { id: true, mediaSecret: true },
  });
  return { ...photo, key, bytes, removeFile: () => unlinkSync(path.join(storageDir, key)) };
}

async function get(photo: { id: string; mediaSecret: string }) {
  const url = `http://pinhole.test/media/${photo.id}/${photo.mediaSecret}/w50.webp`;
  const res = await serveMedia(new Request(url), {
    photoId: photo.id,
    version: photo.mediaSecret,
    file: "w50.webp",
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe.skipIf(!enabled)("thumbnails' bytes in Redis (skipped: needs REDIS_URL and redis-server)", () => {
  it("keeps a public thumbnail in Redis, and still refuses it once the photo is private", async () => {
    const photo = await addPhoto();
    // The app's connection may still be connecting: the first answers fail open to storage.
    await waitFor(
      async () =>
        (await inspect.exists(`pinhole:media:bytes:${photo.key}`)) === 1 || (await get(photo), false),
    );
    expect(await inspect.getBuffer(`pinhole:media:bytes:${photo.key}`)).toEqual(photo.bytes);
    photo.removeFile();
    expect(await get(photo)).toEqual({ status: 200, bytes: photo.bytes });

    await db().photo.update({ where: { id: photo.id }, data: { visibility: "PRIVATE" } });
    expect((await get(photo)).status).toBe(404);
  });

  it("serves from storage while Redis is down, and uses Redis again once it is back, by itself", async () => {
    await stopRedis(server);
    const whileDown = await addPhoto();
    expect(await get(whileDown)).toEqual({ status: 200, bytes: whileDown.bytes });
    expect(await get(whileDown)).toEqual({ status: 200, bytes: whileDown.bytes });

    server = await startRedis(OWN_REDIS_PORT, redisDir);
    const after = await addPhoto();
    // No restart, no call: the app's connection comes back on its own and fills Redis again.
    await waitFor(
      async () =>
        (await inspect.exists(`pinhole:media:bytes:${after.key}`)) === 1 || (await get(after), false),
    );
    after.removeFile();
    expect(await get(after)).toEqual({ status: 200, bytes: after.bytes });
  });
});
