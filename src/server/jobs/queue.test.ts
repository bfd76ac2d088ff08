// The job queue on graphile-worker, against a database of its own (no other test file's jobs in it):
// a job commits only with its transaction, no job runs twice across workers, failures retry with
// backoff, bad input fails at once and says why, one person's burst does not hold up another's photo,
// a long job keeps its lease while a dead worker's job is handed back, failed jobs are pruned and an
// admin can retry them.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { run, runOnce, type Runner, type Task, type TaskList } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { createScratchDatabase, type ScratchDatabase } from "../../../test/support/db";

const scratch: ScratchDatabase = await createScratchDatabase();
process.env.DATABASE_URL = scratch.url;
// A worker silent for a second is presumed dead; a live one beats every ~330 ms.
process.env.JOBS_LOCK_TIMEOUT_SECONDS = "1";
const storageDir = await mkdtemp(path.join(os.tmpdir(), "pinhole-jobs-"));
process.env.STORAGE_DRIVER = "local";
process.env.LOCAL_STORAGE_DIR = storageDir;
const { migrate } = await import("@/server/db/migrate");
await migrate(scratch.url);
const { db } = await import("@/server/db/client");
const { enqueueJob, QUEUED_BEHIND_FLAG } = await import("./enqueue");
const { jobsPool, closeJobsPool } = await import("./pool");
const { taskList } = await import("./tasks");
const { leaseEvents, recoverAbandonedJobs } = await import("./leases");
const { pruneJobs } = await import("./prune-jobs");
const { listFailedJobs } = await import("./list-failed-jobs");
const { retryFailedJob } = await import("./retry-failed-job");
const { metrics } = await import("@/server/metrics/registry");
const { workerLogger } = await import("./logger");
const { kickJobs, startJobs, stopJobs, jobsRunning } = await import("./runner");
const { storage } = await import("@/server/storage/storage");

const sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
let owner: SeededUser;
const runners: Runner[] = [];

beforeAll(async () => {
  owner = await seedUser(sql);
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop().catch(() => undefined)));
  await closeJobsPool();
  await db().$disconnect();
  await sql.end();
  await scratch.drop();
  await rm(storageDir, { recursive: true, force: true });
});

const kind = () => `test-${crypto.randomUUID()}`;

async function addJobs(task: string, n: number, options: { maxAttempts?: number } = {}): Promise<void> {
  await sql.query(
    `SELECT graphile_worker.add_job($1, json_build_object('n', i), max_attempts => $2)
       FROM generate_series(1, $3) i`,
    [task, options.maxAttempts ?? 25, n],
  );
}

async function jobsOf(task: string) {
  const { rows } = await sql.query<{
    id: string;
    attempts: number;
    max_attempts: number;
    run_at: Date;
    last_error: string | null;
    locked_by: string | null;
  }>(
    `SELECT id, attempts, max_attempts, run_at, last_error, locked_by
       FROM graphile_worker.jobs WHERE task_identifier = $1 ORDER BY id`,
    [task],
  );
  return rows;
}

async function startRunner(tasks: TaskList, concurrency = 1): Promise<Runner> {
  const runner = await run({
    pgPool: jobsPool(),
    logger: workerLogger,
    taskList: tasks,
    concurrency,
    noHandleSignals: true,
    parsedCronItems: [],
    pollInterval: 200,
    events: leaseEvents(),
  });
  runners.push(runner);
  return runner;
}

async function runOnceWith(tasks: TaskList): Promise<void> {
  await runOnce({ pgPool: jobsPool(), logger: workerLogger, taskList: tasks, noHandleSignals: true });
}

/** Waits (no time asserted: the test's timeout bounds it) until `done()` holds. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 50));
}

async function failureCount(kindLabel: string, reason: string): Promise<number> {
  const { values } = await metrics().jobFailures.get();
  return values.find((v) => v.labels.kind === kindLabel && v.labels.reason === reason)?.value ?? 0;
}

describe("the job queue on graphile-worker", () => {
  it("commits a job only with its transaction", async () => {
    const photoId = crypto.randomUUID();
    await expect(
      db().$transaction(async (tx) => {
        await enqueueJob(tx, { kind: "process-photo", photoId, ownerId: owner.id });
        throw new Error("the upload failed after its job was added");
      }),
    ).rejects.toThrow(/upload failed/);
    const key = `process-photo:${owner.id}:${photoId}`;
    const count = async () =>
      (await sql.query("SELECT 1 FROM graphile_worker.jobs WHERE key = $1", [key])).rowCount;
    expect(await count()).toBe(0);
    await db().$transaction((tx) => enqueueJob(tx, { kind: "process-photo", photoId, ownerId: owner.id }));
    expect(await count()).toBe(1);
    // Keyed: the same photo's job is never queued twice.
    await db().$transaction((tx) => enqueueJob(tx, { kind: "process-photo", photoId, ownerId: owner.id }));
    expect(await count()).toBe(1);
    await sql.query(
      "SELECT graphile_worker.complete_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = $1))",
      [key],
    );
  });

  it("never runs a job twice across concurrent workers", async () => {
    const task = kind();
    const ran: number[] = [];
    const handler: Task = async (payload) => {
      ran.push((payload as { n: number }).n);
      await new Promise((r) => setTimeout(r, 5));
    };
    await Promise.all([1, 2, 3].map(() => startRunner({ [task]: handler }, 4)));
    await addJobs(task, 60);
    await until(async () => ran.length >= 60 && (await jobsOf(task)).length === 0);
    expect(ran).toHaveLength(60);
    expect(new Set(ran).size).toBe(60);
  });

  it("retries a failure later with backoff, and keeps one that ran out of attempts for the admin", async () => {
    const task = kind();
    await addJobs(task, 1);
    await runOnceWith({ [task]: () => Promise.reject(new Error("boom")) });
    // runOnce can return a moment before its failure is written.
    await until(async () => (await jobsOf(task))[0]?.locked_by === null);
    const [retried] = await jobsOf(task);
    expect(retried).toMatchObject({ attempts: 1, last_error: "boom", locked_by: null });
    expect(retried!.run_at.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nobody takes it.
    let ranAgain = false;
    await runOnceWith({ [task]: () => void (ranAgain = true) });
    expect(ranAgain).toBe(false);

    const exhausted = kind();
    await addJobs(exhausted, 1, { maxAttempts: 1 });
    await runOnceWith({ [exhausted]: () => Promise.reject(new Error("still broken")) });
    await until(async () => (await jobsOf(exhausted))[0]?.locked_by === null);
    const [failed] = await jobsOf(exhausted);
    const admin = { id: owner.id, role: "ADMIN" as const };
    const listed = await listFailedJobs(admin);
    expect(listed).toContainEqual(
      expect.objectContaining({ id: String(failed!.id), kind: exhausted, lastError: "still broken" }),
    );
    await expect(retryFailedJob({ id: owner.id, role: "USER" }, String(failed!.id))).rejects.toMatchObject({
      code: "not_found",
    });
    // Only a job that failed for good: the one still retrying is not the admin's to reset.
    await expect(retryFailedJob(admin, String(retried!.id))).rejects.toMatchObject({ code: "not_found" });
    await retryFailedJob(admin, String(failed!.id));
    let ran = false;
    await runOnceWith({ [exhausted]: () => void (ran = true) });
    expect(ran).toBe(true);
    // runOnce may return just before its completion reaches the table.
    await until(async () => (await jobsOf(exhausted)).length === 0);
  });

  it("fails bad input at once, without a retry, and the photo says why", async () => {
    const photoId = crypto.randomUUID();
    await db().photo.create({
      data: {
        id: photoId,
        ownerId: owner.id,
        albumId: owner.defaultAlbumId,
        title: "Not a photo",
        originalKey: `k/${photoId}`,
        originalName: "notes.txt",
        mimeType: "text/plain",
        byteSize: 10n,
        sha256: photoId,
      },
    });
    await db().$transaction((tx) => enqueueJob(tx, { kind: "process-photo", photoId, ownerId: owner.id }));
    const before = await failureCount("process-photo", "bad_input");
    await runOnceWith(taskList(["process-photo"]));
    const photo = await db().photo.findUniqueOrThrow({ where: { id: photoId } });
    expect(photo).toMatchObject({ status: "FAILED", failureReason: "not an image" });
    // Not retried: the job is gone after its one attempt (runOnce can return a moment before its
    // completion is written), counted as the uploader's bad input.
    await until(async () => (await jobsOf("process-photo")).length === 0);
    expect(await jobsOf("process-photo")).toEqual([]);
    expect(await failureCount("process-photo", "bad_input")).toBe(before + 1);
  });

  it("takes another person's photo next, whatever one person's burst has queued", async () => {
    const burstOwner = crypto.randomUUID();
    const other = crypto.randomUUID();
    for (let i = 0; i < 500; i += 50) {
      await db().$transaction(async (tx) => {
        for (let j = i; j < i + 50; j++)
          await enqueueJob(tx, { kind: "process-photo", photoId: crypto.randomUUID(), ownerId: burstOwner });
      });
    }
    await db().$transaction((tx) =>
      enqueueJob(tx, { kind: "process-photo", photoId: crypto.randomUUID(), ownerId: other }),
    );
    const taken: string[] = [];
    const runner = await startRunner({
      "process-photo": (payload) => {
        taken.push((payload as { ownerId: string }).ownerId);
      },
    });
    await until(() => taken.length >= 3);
    await runner.stop();
    runners.splice(runners.indexOf(runner), 1);
    // The burst's first job was queued before it, at the same priority; the other person's is next.
    expect(taken.slice(0, 2)).toContain(other);
    await sql.query(
      "SELECT graphile_worker.complete_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'process-photo'))",
    );
  });

  it("starts another person's first photo in the express slot while the image slots work through a burst", async () => {
    const burstOwner = crypto.randomUUID();
    const other = crypto.randomUUID();
    await db().$transaction(async (tx) => {
      for (let j = 0; j < 20; j++)
        await enqueueJob(tx, { kind: "process-photo", photoId: crypto.randomUUID(), ownerId: burstOwner });
    });
    // The image slots: every one held by a burst job that does not finish until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy: string[] = [];
    await startRunner(
      {
        "process-photo": async (payload) => {
          busy.push((payload as { ownerId: string }).ownerId);
          await held;
        },
      },
      2,
    );
    await until(() => busy.length === 2);
    const express: string[] = [];
    const expressRunner = await run({
      pgPool: jobsPool(),
      logger: workerLogger,
      taskList: {
        "process-photo": (payload) => {
          express.push((payload as { ownerId: string }).ownerId);
        },
      },
      concurrency: 1,
      forbiddenFlags: [QUEUED_BEHIND_FLAG],
      noHandleSignals: true,
      parsedCronItems: [],
      pollInterval: 200,
    });
    try {
      await db().$transaction((tx) =>
        enqueueJob(tx, { kind: "process-photo", photoId: crypto.randomUUID(), ownerId: other }),
      );
      await until(() => express.length === 1);
      // Only the newcomer's job: the burst's queued ones (flagged) are left to the image slots.
      expect(express).toEqual([other]);
    } finally {
      release();
      await expressRunner.stop();
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await sql.query(
        "SELECT graphile_worker.complete_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'process-photo'))",
      );
    }
  });

  it("lets a long job keep its lease, and hands back the job of a worker that died", async () => {
    const long = kind();
    let runs = 0;
    await addJobs(long, 1);
    const slow: Task = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 2_500));
    };
    // A second worker polls throughout and the recovery runs while the job is 2.5 lock timeouts long.
    await Promise.all([startRunner({ [long]: slow }), startRunner({ [long]: slow })]);
    await until(async () => {
      await recoverAbandonedJobs();
      return runs > 0 && (await jobsOf(long)).length === 0;
    });
    expect(runs).toBe(1);

    const orphan = kind();
    await addJobs(orphan, 1);
    await sql.query(
      `UPDATE graphile_worker._private_jobs SET locked_by = 'pool-killed', locked_at = now() - interval '5 seconds',
              attempts = 1 WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = $1)`,
      [orphan],
    );
    expect((await jobsOf(orphan))[0]).toMatchObject({ locked_by: "pool-killed" });
    // (The live runners above may recover it first, as they beat: either way it is back.)
    await recoverAbandonedJobs();
    expect((await jobsOf(orphan))[0]).toMatchObject({ locked_by: null });
  });

  it("prunes jobs that failed for good once they are older than the retention", async () => {
    const task = kind();
    await addJobs(task, 2, { maxAttempts: 1 });
    await runOnceWith({ [task]: () => Promise.reject(new Error("nope")) });
    const [old, recent] = await jobsOf(task);
    await sql.query(
      "UPDATE graphile_worker._private_jobs SET updated_at = now() - interval '30 days' WHERE id = $1",
      [old!.id],
    );
    const { pruned } = await pruneJobs();
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect((await jobsOf(task)).map((j) => j.id)).toEqual([recent!.id]);
  });

  it("runs due jobs in the request's process where no runner lives (Vercel's after())", async () => {
    expect(jobsRunning()).toBe(false);
    const key = `test/${crypto.randomUUID()}.webp`;
    await storage().put(key, Buffer.from("variant"), { contentType: "image/webp" });
    await db().$transaction((tx) => enqueueJob(tx, { kind: "delete-photo-files", payload: { keys: [key] } }));
    await kickJobs();
    expect(await storage().get(key)).toBeNull();
    await until(async () => (await jobsOf("delete-photo-files")).length === 0);
  });

  it("starts this process's runners, which take a job the moment it commits, and stops them", async () => {
    // The earlier tests' runners share the pool stopJobs closes.
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await startJobs();
    try {
      expect(jobsRunning()).toBe(true);
      const key = `test/${crypto.randomUUID()}.webp`;
      await storage().put(key, Buffer.from("variant"), { contentType: "image/webp" });
      await db().$transaction((tx) =>
        enqueueJob(tx, { kind: "delete-photo-files", payload: { keys: [key] } }),
      );
      await until(async () => (await storage().get(key)) === null);
      const { rows } = await sql.query<{ pool_id: string }>("SELECT pool_id FROM job_workers");
      expect(rows.length).toBeGreaterThanOrEqual(2);
    } finally {
      await stopJobs();
    }
    expect(jobsRunning()).toBe(false);
  });

  it("starts its runners again when one ends by itself (graphile-worker gives up on a lost database)", async () => {
    await startJobs();
    try {
      const live = () =>
        (globalThis as unknown as { pinholeJobs?: { runners?: Runner[] } }).pinholeJobs?.runners;
      const first = live()!;
      // What graphile-worker does when a worker cannot record a job's outcome: the runner shuts down.
      await first[0]!.kill("simulated: a worker exited prematurely");
      await until(async () => live() !== undefined && live() !== first);
      expect(jobsRunning()).toBe(true);
      const key = `test/${crypto.randomUUID()}.webp`;
      await storage().put(key, Buffer.from("variant"), { contentType: "image/webp" });
      await db().$transaction((tx) =>
        enqueueJob(tx, { kind: "delete-photo-files", payload: { keys: [key] } }),
      );
      await until(async () => (await storage().get(key)) === null);
    } finally {
      await stopJobs();
    }
    expect(jobsRunning()).toBe(false);
  });
});
