// SECURITY.md 37 (issue 19, finding 6): a public photo's original for others is made once and stored,
// not re-encoded per request, and a flood of makings beyond the request queue's bound is answered
// 503 with Retry-After while everything else keeps being served. Real PostgreSQL, real HEIC decodes.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

// Anonymous visitors throughout: serveMedia reads the caller only through getCurrentUser().
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => null }));

const storageDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-shared-original-"));
process.env.DATABASE_URL = testDatabaseUrl();
process.env.LOCAL_STORAGE_DIR = storageDir;
delete process.env.REDIS_URL;
const { db } = await import("@/server/db/client");
const { metrics } = await import("@/server/metrics/registry");
const { serveMedia } = await import("./serve-media");
const { makeSharedOriginalJob, REQUEST_CONCURRENCY, REQUEST_MAX_WAITING } = await import("./shared-original");

const fixtures = path.resolve(import.meta.dirname, "../../../test/fixtures/photos/heic");
const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
let owner: SeededUser;

beforeAll(async () => {
  owner = await seedUser(pool);
});
afterAll(async () => {
  await pool.end();
  rmSync(storageDir, { recursive: true, force: true });
});

/** A ready public photo whose owner lets others download the original: a HEIC from the fixtures. */
async function addHeic(file = "IMG_5195.HEIC") {
  const originalKey = `test/${crypto.randomUUID()}/original.heic`;
  mkdirSync(path.dirname(path.join(storageDir, originalKey)), { recursive: true });
  copyFileSync(path.join(fixtures, file), path.join(storageDir, originalKey));
  return db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: owner.defaultAlbumId,
      visibility: "PUBLIC",
      status: "READY",
      allowOriginal: true,
      originalKey,
      originalName: "IMG_5195.HEIC",
      mimeType: "image/heic",
      byteSize: 1000n,
      sha256: crypto.randomUUID(),
    },
    select: { id: true, mediaSecret: true },
  });
}

function getOriginal(photo: { id: string; mediaSecret: string }, headers?: HeadersInit) {
  const url = `http://pinhole.test/media/${photo.id}/${photo.mediaSecret}/original`;
  return serveMedia(new Request(url, { headers }), {
    photoId: photo.id,
    version: photo.mediaSecret,
    file: "original",
  });
}

async function made(where: "job" | "request"): Promise<number> {
  const { values } = await metrics().sharedOriginalsMade.get();
  return values.find((v) => v.labels.where === where)?.value ?? 0;
}

async function recordedKey(photoId: string): Promise<string | null> {
  const row = await db().photo.findUniqueOrThrow({
    where: { id: photoId },
    select: { sharedOriginalKey: true },
  });
  return row.sharedOriginalKey;
}

describe("the original for others", () => {
  it("is made once for many concurrent anonymous requests, stored, then served from the store", async () => {
    const photo = await addHeic();
    const before = await made("request");
    const answers = await Promise.all(Array.from({ length: 8 }, () => getOriginal(photo)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    // One decode and encode for all eight.
    expect((await made("request")) - before).toBe(1);
    expect(bodies.every((b) => b.equals(bodies[0]!))).toBe(true);
    expect(answers[0]!.headers.get("content-type")).toBe("image/jpeg");
    expect(answers[0]!.headers.get("content-disposition")).toContain("IMG_5195.jpg");
    expect((await sharp(bodies[0]!).metadata()).exif).toBeUndefined();

    // Stored like a variant: the next requests read it from the store, and nothing is made again.
    const key = await recordedKey(photo.id);
    expect(key).toMatch(new RegExp(`/shared/${photo.id}\\.jpg$`));
    expect(existsSync(path.join(storageDir, key!))).toBe(true);
    const again = await getOriginal(photo);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-length")).toBe(String(bodies[0]!.length));
    expect(Buffer.from(await again.arrayBuffer()).equals(bodies[0]!)).toBe(true);
    const etag = again.headers.get("etag")!;
    expect((await getOriginal(photo, { "If-None-Match": etag })).status).toBe(304);
    expect((await made("request")) - before).toBe(1);
  });

  it("is made by the job when downloads are on, so no request has to", async () => {
    const photo = await addHeic("samplefilehub.heif");
    const [jobBefore, requestBefore] = [await made("job"), await made("request")];
    await makeSharedOriginalJob(photo.id);
    await makeSharedOriginalJob(photo.id); // a re-run finds it recorded
    expect((await made("job")) - jobBefore).toBe(1);
    const answer = await getOriginal(photo);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/jpeg");
    expect((await made("request")) - requestBefore).toBe(0);
  });

  it("answers a flood beyond the request queue's bound 503 with Retry-After, and keeps serving", async () => {
    const bound = REQUEST_CONCURRENCY + REQUEST_MAX_WAITING;
    const photos = await Promise.all(Array.from({ length: bound + 4 }, () => addHeic("samplefilehub.heif")));
    const rejectedBefore = (await metrics().imageQueueRejections.get()).values[0]?.value ?? 0;
    const answers = await Promise.all(photos.map((p) => getOriginal(p)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(bound);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.headers.get("cache-control")).toBe("no-store");
    }
    expect((await metrics().imageQueueRejections.get()).values[0]?.value).toBe(rejectedBefore + 4);
    // The line cleared: what was refused is served when asked again, and nothing was left half-made.
    const refusedPhotos = photos.filter((_, i) => statuses[i] === 503);
    expect(await Promise.all(refusedPhotos.map((p) => recordedKey(p.id)))).toEqual([null, null, null, null]);
    const retried = await Promise.all(refusedPhotos.map((p) => getOriginal(p)));
    expect(retried.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});
