// The upload path refuses a HEIC whose header claims 64 × 64 but whose grid decodes to 105 MP: with
// the pixel limit's answer (413), before anything is decoded or stored. The run's PostgreSQL and a
// local storage folder of its own; the viewer is built from a seeded user.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";
import { heifGrid } from "../../../test/fixtures/images/heif-grid";

const iphone = path.resolve(import.meta.dirname, "../../../test/fixtures/photos/heic/IMG_5195.HEIC");
const envBefore = { ...process.env };
let storageDir: string;
let owner: SeededUser;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "pinhole-upload-"));
  Object.assign(process.env, {
    DATABASE_URL: testDatabaseUrl(),
    STORAGE_DRIVER: "local",
    LOCAL_STORAGE_DIR: storageDir,
  });
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  owner = await seedUser(pool);
  await pool.end();
});
afterAll(async () => {
  const { db } = await import("@/server/db/client");
  await db().$disconnect();
  await rm(storageDir, { recursive: true, force: true });
  process.env = envBefore;
});

it("refuses a HEIC grid bomb at upload from its tiles, and keeps nothing", async () => {
  const { createPhotoUpload } = await import("./create-photo-upload");
  const { db } = await import("@/server/db/client");
  const { errorStatus } = await import("@/server/errors/app-error");
  const bomb = heifGrid(await readFile(iphone), { across: 20, down: 20, claimed: 64, brand: "heic" });
  const viewer = {
    id: owner.id,
    role: "USER" as const,
    email: owner.email,
    handle: owner.handle,
    displayName: owner.displayName,
    sessionId: crypto.randomUUID(),
  };
  const upload = createPhotoUpload(
    viewer,
    new Request("http://pinhole.test/api/uploads", {
      method: "POST",
      body: new Uint8Array(bomb),
      headers: { "x-upload-filename": "bomb.heic", "content-type": "application/octet-stream" },
    }),
  );
  const error: unknown = await upload.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({
    code: "payload_too_large",
    message: expect.stringMatching(/header says 64 × 64 pixels but it decodes to 104.9 megapixels/),
  });
  expect(errorStatus.payload_too_large).toBe(413);
  expect(await db().photo.count({ where: { ownerId: owner.id } })).toBe(0);
  expect(await db().uploadIntent.count({ where: { ownerId: owner.id } })).toBe(0);
  expect(await readdir(storageDir)).toEqual([]);
});

it("gives an upload the owner's default, no wider than its album, unless the uploader chose", async () => {
  const { createPhotoUpload } = await import("./create-photo-upload");
  const { db } = await import("@/server/db/client");
  const viewer = {
    id: owner.id,
    role: "USER" as const,
    email: owner.email,
    handle: owner.handle,
    displayName: owner.displayName,
    sessionId: crypto.randomUUID(),
  };
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Friends', 'SHARED') RETURNING id",
    [owner.id],
  );
  await pool.end();
  const dir = path.resolve(import.meta.dirname, "../../../test/fixtures/photos/cameras");
  const files = (await readdir(dir)).filter((f) => /\.jpe?g$/i.test(f)).slice(0, 3);
  const upload = async (file: string, query: string) =>
    (
      await createPhotoUpload(
        viewer,
        new Request(`http://pinhole.test/api/uploads${query}`, {
          method: "POST",
          body: new Uint8Array(await readFile(path.join(dir, file))),
          headers: { "x-upload-filename": file, "content-type": "application/octet-stream" },
        }),
      )
    ).photo.id;
  const visibilityOf = async (id: string) =>
    (await db().photo.findUniqueOrThrow({ where: { id }, select: { visibility: true } })).visibility;

  // A new account's default is Public; a Shared album narrows it; an explicit choice wins.
  expect(await visibilityOf(await upload(files[0]!, ""))).toBe("PUBLIC");
  expect(await visibilityOf(await upload(files[1]!, `?album=${rows[0]!.id}`))).toBe("SHARED");
  expect(await visibilityOf(await upload(files[2]!, `?album=${rows[0]!.id}&visibility=PRIVATE`))).toBe(
    "PRIVATE",
  );
});
