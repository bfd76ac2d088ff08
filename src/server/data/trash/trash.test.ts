// The trash against a real PostgreSQL and local storage, on a database of its own (the sweep purges
// everyone's expired trash): a delete keeps the row out of every read and retires its media URLs; a
// restore brings back its albums, grants, favourites and comments; emptying the trash and the 30-day
// sweep delete the rows and, through the queued job, the files.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../../prisma/seed/users";
import { createScratchDatabase, type ScratchDatabase } from "../../../../test/support/db";

const scratch: ScratchDatabase = await createScratchDatabase();
process.env.DATABASE_URL = scratch.url;
const storageDir = await mkdtemp(path.join(os.tmpdir(), "pinhole-trash-"));
process.env.STORAGE_DRIVER = "local";
process.env.LOCAL_STORAGE_DIR = storageDir;
const { migrate } = await import("@/server/db/migrate");
await migrate(scratch.url);
const { db } = await import("@/server/db/client");
const { storage } = await import("@/server/storage/storage");
const { jobsPool, closeJobsPool } = await import("@/server/jobs/pool");
const { taskList } = await import("@/server/jobs/tasks");
const { workerLogger } = await import("@/server/jobs/logger");
const { sweep } = await import("@/server/jobs/sweep");
const { checkPhotoAccess } = await import("@/server/policy/photos");
const { trashPhotos } = await import("./trash-photos");
const { restorePhotos } = await import("./restore-photos");
const { emptyTrash } = await import("./empty-trash");
const { listTrash } = await import("./list-trash");

const sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
const DAY = 86_400_000;
let owner: SeededUser;
let friend: SeededUser;
let album: string;

beforeAll(async () => {
  owner = await seedUser(sql);
  friend = await seedUser(sql);
  const { rows } = await sql.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Lisbon', 'PRIVATE') RETURNING id",
    [owner.id],
  );
  album = rows[0]!.id;
});
afterAll(async () => {
  await closeJobsPool();
  await db().$disconnect();
  await sql.end();
  await scratch.drop();
  await rm(storageDir, { recursive: true, force: true });
});

const asViewer = (u: SeededUser) => ({ id: u.id, role: "USER" as const });

/** A ready photo with a stored original and one variant, shared with the friend, who favourited and commented on it. */
async function photo(status: "READY" | "PROCESSING" = "READY") {
  const original = `test/${crypto.randomUUID()}/original.jpg`;
  const variant = `test/${crypto.randomUUID()}/w320.webp`;
  await storage().put(original, Buffer.from("original bytes"), { contentType: "image/jpeg" });
  await storage().put(variant, Buffer.from("variant bytes"), { contentType: "image/webp" });
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, visibility, status, original_key, mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, 'SHARED', $3::photo_status, $4, 'image/jpeg', 14, md5(random()::text), 4, 3) RETURNING id`,
    [owner.id, album, status, original],
  );
  const id = rows[0]!.id;
  await sql.query(
    "INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size) VALUES ($1, 320, 240, 'webp', $2, 13)",
    [id, variant],
  );
  await sql.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [friend.id, id]);
  await sql.query("INSERT INTO favorites (user_id, photo_id) VALUES ($1, $2)", [friend.id, id]);
  await sql.query("INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, 'Lovely tiles')", [
    id,
    friend.id,
  ]);
  return { id, original, variant };
}

async function attached(id: string) {
  const { rows } = await sql.query<{ grants: number; favorites: number; comments: number; album: string }>(
    `SELECT (SELECT count(*)::int FROM access_grants WHERE photo_id = $1) AS grants,
            (SELECT count(*)::int FROM favorites WHERE photo_id = $1) AS favorites,
            (SELECT count(*)::int FROM comments WHERE photo_id = $1) AS comments,
            (SELECT album_id::text FROM photos WHERE id = $1) AS album`,
    [id],
  );
  return rows[0]!;
}

/** Runs the queued file deletions now (they are queued 5 s ahead). */
async function runFileJobs() {
  await sql.query("UPDATE graphile_worker._private_jobs SET run_at = now() WHERE run_at > now()");
  await runOnce({
    pgPool: jobsPool(),
    logger: workerLogger,
    noHandleSignals: true,
    taskList: taskList(["delete-photo-files"]),
  });
}

async function exists(key: string): Promise<boolean> {
  const object = await storage().get(key);
  object?.body.destroy();
  return object !== null;
}

describe("trash", () => {
  it("a trashed photo is seen by nobody, its URLs retire, and a restore brings everything back", async () => {
    const p = await photo();
    expect((await checkPhotoAccess(asViewer(friend), [p.id])).has(p.id)).toBe(true);
    const before = await attached(p.id);

    // Someone else's delete matches nothing.
    expect(await trashPhotos(asViewer(friend), [p.id])).toBe(0);
    expect(await trashPhotos(asViewer(owner), [p.id, "not-a-uuid"])).toBe(1);
    expect(await trashPhotos(asViewer(owner), [p.id])).toBe(0);
    const { rows } = await sql.query("SELECT access_version FROM photos WHERE id = $1", [p.id]);
    expect(rows[0].access_version).toBe(2);
    expect((await checkPhotoAccess(asViewer(friend), [p.id])).size).toBe(0);
    expect((await checkPhotoAccess(asViewer(owner), [p.id])).size).toBe(0);
    const trash = await listTrash(asViewer(owner));
    expect(trash.photos.map((t) => t.id)).toContain(p.id);
    expect(trash.photos.find((t) => t.id === p.id)!.albumTitle).toBe("Lisbon");
    expect((await listTrash(asViewer(friend))).total).toBe(0);

    expect(await restorePhotos(asViewer(friend), [p.id])).toBe(0);
    expect(await restorePhotos(asViewer(owner), [p.id])).toBe(1);
    expect(await attached(p.id)).toEqual(before);
    expect((await checkPhotoAccess(asViewer(friend), [p.id])).has(p.id)).toBe(true);
    expect(await exists(p.original)).toBe(true);
  });

  it("a photo trashed before its processing ran is processed again on restore", async () => {
    const p = await photo("PROCESSING");
    await trashPhotos(asViewer(owner), [p.id]);
    await restorePhotos(asViewer(owner), [p.id]);
    const jobs = await sql.query("SELECT 1 FROM graphile_worker._private_jobs WHERE key = $1", [
      `process-photo:${owner.id}:${p.id}`,
    ]);
    expect(jobs.rowCount).toBe(1);
    await sql.query("DELETE FROM graphile_worker._private_jobs WHERE key = $1", [
      `process-photo:${owner.id}:${p.id}`,
    ]);
  });

  it("emptying the trash deletes only trashed photos, rows then files", async () => {
    const [gone, kept, live] = [await photo(), await photo(), await photo()];
    await trashPhotos(asViewer(owner), [gone.id, kept.id]);
    // The friend cannot empty the owner's trash.
    expect(await emptyTrash(asViewer(friend), [gone.id])).toBe(0);
    // Named ids: only those, and never a photo that is not in the trash.
    expect(await emptyTrash(asViewer(owner), [gone.id, live.id])).toBe(1);
    expect(
      (await sql.query("SELECT id FROM photos WHERE id = ANY($1)", [[gone.id, kept.id, live.id]])).rowCount,
    ).toBe(2);
    expect((await attached(gone.id)).comments).toBe(0);
    await runFileJobs();
    expect(await exists(gone.original)).toBe(false);
    expect(await exists(gone.variant)).toBe(false);
    expect(await exists(kept.original)).toBe(true);
    expect(await exists(live.original)).toBe(true);

    // No ids: the whole trash.
    expect(await emptyTrash(asViewer(owner))).toBeGreaterThanOrEqual(1);
    expect((await listTrash(asViewer(owner))).total).toBe(0);
    expect((await sql.query("SELECT 1 FROM photos WHERE id = $1", [live.id])).rowCount).toBe(1);
  });

  it("the sweep deletes photos in the trash for 30 days, with their files, and keeps younger ones", async () => {
    const [old, young] = [await photo(), await photo()];
    await trashPhotos(asViewer(owner), [old.id, young.id]);
    await sql.query("UPDATE photos SET deleted_at = $2 WHERE id = $1", [
      old.id,
      new Date(Date.now() - 30 * DAY - 60_000),
    ]);
    await sql.query("UPDATE photos SET deleted_at = $2 WHERE id = $1", [
      young.id,
      new Date(Date.now() - 29 * DAY),
    ]);

    const result = await sweep({ runJobs: false });
    expect(result.trashPurged).toBe(1);
    expect((await sql.query("SELECT 1 FROM photos WHERE id = $1", [old.id])).rowCount).toBe(0);
    expect((await sql.query("SELECT 1 FROM comments WHERE photo_id = $1", [old.id])).rowCount).toBe(0);
    expect((await sql.query("SELECT 1 FROM photos WHERE id = $1", [young.id])).rowCount).toBe(1);
    await runFileJobs();
    expect(await exists(old.original)).toBe(false);
    expect(await exists(old.variant)).toBe(false);
    expect(await exists(young.original)).toBe(true);
    // Nothing left to do: a second sweep deletes nothing more.
    expect((await sweep({ runJobs: false })).trashPurged).toBe(0);
  });
});
