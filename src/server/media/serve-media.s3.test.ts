// The original download route on the S3 driver with S3_PRESIGN_ORIGINALS: the real media handler,
// the run's PostgreSQL and a real S3 protocol server (s3rver), the redirect followed over HTTP. Only
// who is signed in is stubbed (there is no browser session here): the access check itself is real.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { createScratchDatabase, type ScratchDatabase } from "../../../test/support/db";
import { migrate } from "@/server/db/migrate";
import { startS3Server, type S3TestServer } from "../../../test/support/s3-server";

const signedIn = vi.hoisted(() => ({ user: null as { id: string } | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () =>
    signedIn.user
      ? { ...signedIn.user, role: "USER", email: "", handle: "", displayName: "", sessionId: "" }
      : null,
}));

const fixture = path.resolve(import.meta.dirname, "../../../test/fixtures/photos/gps/DSCN0010.jpg");
let server: S3TestServer;
// A database of its own: the upload below enqueues a job, which the job-queue tests of the shared
// test database would otherwise see among theirs.
let database: ScratchDatabase;
let owner: SeededUser;
let stranger: SeededUser;
let bytes: Buffer;
let mod: {
  serveMedia: typeof import("./serve-media").serveMedia;
  db: typeof import("@/server/db/client").db;
  storage: typeof import("@/server/storage/storage").storage;
};

const envBefore = { ...process.env };

beforeAll(async () => {
  server = await startS3Server();
  database = await createScratchDatabase();
  await migrate(database.url);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    STORAGE_DRIVER: "s3",
    S3_BUCKET: server.bucket,
    S3_REGION: server.region,
    S3_ENDPOINT: server.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: server.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
    S3_PRESIGN_ORIGINALS: "true",
    S3_PRESIGN_TTL_SECONDS: "60",
  });
  mod = {
    serveMedia: (await import("./serve-media")).serveMedia,
    db: (await import("@/server/db/client")).db,
    storage: (await import("@/server/storage/storage")).storage,
  };
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  [owner, stranger] = [await seedUser(pool), await seedUser(pool)];
  await pool.end();
  bytes = await readFile(fixture);
});
afterAll(async () => {
  await mod?.db().$disconnect();
  await database?.drop();
  await server?.stop();
  process.env = envBefore;
});

async function addPhoto(data: { visibility: "PUBLIC" | "PRIVATE"; allowOriginal: boolean }) {
  const key = `${owner.id}/${owner.defaultAlbumId}/original/${crypto.randomUUID()}.jpg`;
  await mod.storage().put(key, bytes, { contentType: "image/jpeg" });
  return mod.db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: owner.defaultAlbumId,
      visibility: data.visibility,
      allowOriginal: data.allowOriginal,
      status: "READY",
      originalKey: key,
      originalName: "Beach day.jpg",
      mimeType: "image/jpeg",
      byteSize: BigInt(bytes.length),
      sha256: crypto.randomUUID(),
    },
    select: { id: true, mediaSecret: true },
  });
}

function original(photo: { id: string; mediaSecret: string }, as: SeededUser | null) {
  signedIn.user = as ? { id: as.id } : null;
  const version = photo.mediaSecret;
  return mod.serveMedia(new Request(`http://pinhole.test/media/${photo.id}/${version}/original`), {
    photoId: photo.id,
    version,
    file: "original",
  });
}

describe("presigned downloads of originals (S3_PRESIGN_ORIGINALS)", () => {
  it("redirects the owner to a short-lived bucket URL that downloads the exact bytes, named as uploaded", async () => {
    const photo = await addPhoto({ visibility: "PRIVATE", allowOriginal: false });
    const res = await original(photo, owner);
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("vary")).toBe("Cookie");
    const location = res.headers.get("location")!;
    expect(location.startsWith(`${server.endpoint}/${server.bucket}/`)).toBe(true);
    expect(new URL(location).searchParams.get("X-Amz-Expires")).toBe("60");

    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="Beach day\.jpg"/);
  });

  it("gives nobody else a URL: a stranger and an anonymous visitor get 404 with no Location", async () => {
    const photo = await addPhoto({ visibility: "PRIVATE", allowOriginal: true });
    for (const who of [stranger, null]) {
      const res = await original(photo, who);
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("streams the copy without location to others: it is made by the app, never stored, so never presigned", async () => {
    const photo = await addPhoto({ visibility: "PUBLIC", allowOriginal: true });
    const res = await original(photo, stranger);
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeGreaterThan(0);
    expect(body.equals(bytes)).toBe(false);
  });

  it("signs URLs that expire: one signed longer ago than its lifetime is refused by the store", async () => {
    const photo = await addPhoto({ visibility: "PRIVATE", allowOriginal: false });
    // Sign as if two minutes ago; the store checks the signature date against its own clock.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 120_000);
    let res: Response;
    try {
      res = await original(photo, owner);
    } finally {
      vi.useRealTimers();
    }
    expect(res.status).toBe(302);
    const download = await fetch(res.headers.get("location")!);
    expect(download.status).toBe(403);
    expect(await download.text()).toContain("Request has expired");
  });
});

describe("the upload pipeline on the S3 driver", () => {
  it("stores an upload in the bucket, makes its variants there, and serves both", async () => {
    const { createPhotoUpload } = await import("@/server/uploads/create-photo-upload");
    const { processPhoto } = await import("@/server/jobs/handlers/process-photo");
    const uploaded = await readFile(path.join(path.dirname(fixture), "DSCN0012.jpg"));
    const viewer = {
      id: owner.id,
      role: "USER" as const,
      email: owner.email,
      handle: owner.handle,
      displayName: owner.displayName,
      sessionId: crypto.randomUUID(),
    };
    const { photo: created } = await createPhotoUpload(
      viewer,
      new Request("http://pinhole.test/api/uploads", {
        method: "POST",
        body: uploaded,
        headers: { "x-upload-filename": "Harbour.jpg", "content-type": "application/octet-stream" },
      }),
    );
    await processPhoto(created.id);

    const photo = await mod.db().photo.findUniqueOrThrow({
      where: { id: created.id },
      select: {
        id: true,
        mediaSecret: true,
        status: true,
        originalKey: true,
        variants: { select: { key: true } },
      },
    });
    expect(photo.status).toBe("READY");
    const keys = new Set<string>();
    for await (const o of mod.storage().list(`${owner.id}/`)) keys.add(o.key);
    for (const key of [photo.originalKey, ...photo.variants.map((v) => v.key)]) expect(keys).toContain(key);

    signedIn.user = { id: owner.id };
    const version = photo.mediaSecret;
    const variant = await mod.serveMedia(
      new Request(`http://pinhole.test/media/${photo.id}/${version}/w240.webp`),
      {
        photoId: photo.id,
        version,
        file: "w240.webp",
      },
    );
    expect(variant.status).toBe(200);
    expect(variant.headers.get("content-type")).toBe("image/webp");
    expect(
      Buffer.from(await variant.arrayBuffer())
        .subarray(8, 12)
        .toString("latin1"),
    ).toBe("WEBP");

    const redirect = await original(photo, owner);
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get("location")!);
    expect(Buffer.from(await download.arrayBuffer()).equals(uploaded)).toBe(true);
  });
});
