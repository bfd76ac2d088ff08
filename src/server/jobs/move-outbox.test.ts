// Upgrading a database that still has the hand-written outbox: its pending and running jobs move into
// graphile-worker (photo jobs keyed by owner and photo), finished ones do not, and the table goes.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { seedUser } from "../../../prisma/seed/users";
import { createScratchDatabase } from "../../../test/support/db";
import { defaultMigrationsDir, migrate } from "@/server/db/migrate";

const MOVE = "20261207000000_jobs_on_graphile_worker";
const scratch = await createScratchDatabase();
const sql = new pg.Pool({ connectionString: scratch.url, max: 1 });
const before = await mkdtemp(path.join(os.tmpdir(), "pinhole-migrations-"));

afterAll(async () => {
  await sql.end();
  await scratch.drop();
  await rm(before, { recursive: true, force: true });
});

it("moves the old outbox's unfinished jobs into graphile-worker and drops the table", async () => {
  // The schema as it was just before the move.
  for (const name of (await readdir(defaultMigrationsDir())).filter((n) => n < MOVE)) {
    await cp(path.join(defaultMigrationsDir(), name), path.join(before, name), { recursive: true });
  }
  await migrate(scratch.url, before);
  const owner = await seedUser(sql);
  const {
    rows: [photo],
  } = await sql.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, original_key, original_name, mime_type, byte_size, sha256)
     VALUES ($1, $2, 'old', 'k/old', 'old.jpg', 'image/jpeg', 1, 'sha') RETURNING id`,
    [owner.id, owner.defaultAlbumId],
  );
  await sql.query(
    `INSERT INTO jobs (kind, photo_id, status, attempts, max_attempts, payload) VALUES
       ('process-photo', $1, 'PENDING', 2, 5, '{}'),
       ('delete-photo-files', NULL, 'RUNNING', 1, 5, '{"keys":["a/b.webp"]}'),
       ('delete-photo-files', NULL, 'DONE', 1, 5, '{"keys":["done"]}'),
       ('process-photo', $1, 'FAILED', 5, 5, '{}')`,
    [photo!.id],
  );

  const result = await migrate(scratch.url);
  expect(result.applied[0]).toBe(MOVE);
  const { rows } = await sql.query<{
    task: string;
    key: string | null;
    payload: unknown;
    max_attempts: number;
  }>(
    `SELECT t.identifier AS task, j.key, j.payload, j.max_attempts
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      ORDER BY t.identifier`,
  );
  expect(rows).toEqual([
    { task: "delete-photo-files", key: null, payload: { keys: ["a/b.webp"] }, max_attempts: 4 },
    {
      task: "process-photo",
      key: `process-photo:${owner.id}:${photo!.id}`,
      payload: { photoId: photo!.id, ownerId: owner.id },
      max_attempts: 3,
    },
  ]);
  expect((await sql.query("SELECT to_regclass('jobs') AS t")).rows).toEqual([{ t: null }]);
});
