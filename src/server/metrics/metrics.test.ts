import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { Histogram, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const storageDir = await mkdtemp(path.join(os.tmpdir(), "pinhole-health-"));
process.env.STORAGE_DRIVER = "local";
process.env.LOCAL_STORAGE_DIR = storageDir;
process.env.METRICS_TOKEN = "a-metrics-token-for-tests";
const { db } = await import("@/server/db/client");
const { metrics } = await import("./registry");
const { readKeyMetrics, percentile } = await import("./read-key-metrics");
const { collectJobQueue } = await import("./collect-job-queue");
const { requireMetricsToken } = await import("./require-metrics-token");
const { checkHealth } = await import("@/server/health/check-health");
const { AppError } = await import("@/server/errors/app-error");

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
let owner: SeededUser;

beforeAll(async () => {
  owner = await seedUser(pool);
});
afterAll(async () => {
  await pool.end();
  await rm(storageDir, { recursive: true, force: true });
});

async function countOf(histogram: Histogram<string>, labels: Record<string, string>): Promise<number> {
  const { values } = await histogram.get();
  return values
    .filter(
      (v) =>
        v.metricName?.endsWith("_count") && Object.entries(labels).every(([k, want]) => v.labels[k] === want),
    )
    .reduce((sum, v) => sum + v.value, 0);
}

// A job due an hour ago, of a kind nothing runs (no test here runs a job runner); "FAILED": out of
// attempts, as graphile-worker leaves a job that failed for good.
async function addOverdueJob(status: "PENDING" | "FAILED" = "PENDING") {
  const kind = `test-${crypto.randomUUID()}`;
  const [job] = await db().$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.add_job(${kind}, '{}'::json,
      run_at => now() - interval '1 hour', max_attempts => ${status === "FAILED" ? 1 : 25})`;
  if (status === "FAILED")
    await db().$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = 1 WHERE id = ${job!.id}`;
  return { id: job!.id, kind };
}

async function removeJob(id: bigint) {
  await db().$executeRaw`SELECT graphile_worker.complete_jobs(ARRAY[${id}]::bigint[])`;
}

describe("metrics", () => {
  it("times every database query by statement, never by its text", async () => {
    const select = () => countOf(metrics().dbQueryDuration, { statement: "select" });
    const before = await select();
    await db().user.count();
    await db().$queryRaw`SELECT 1`;
    expect(await select()).toBeGreaterThanOrEqual(before + 2);
    const labels = (await metrics().dbQueryDuration.get()).values.map((v) => v.labels.statement);
    expect(new Set(labels)).toEqual(
      new Set(labels.filter((l) => /^(select|insert|update|delete|other)$/.test(String(l)))),
    );
  });

  it("reports the job queue's depth by kind and its oldest due job's age", async () => {
    const job = await addOverdueJob();
    try {
      await collectJobQueue();
      const text = await metrics().registry.getSingleMetricAsString("pinhole_job_queue_depth");
      expect(text).toContain(`pinhole_job_queue_depth{kind="${job.kind}"} 1`);
      expect(text).toContain(`pinhole_job_queue_depth{kind="process-photo"}`);
      const age = (await metrics().jobOldestDueAge.get()).values[0]!.value;
      expect(age).toBeGreaterThanOrEqual(3_590);
    } finally {
      await removeJob(job.id);
    }
  });

  it("summarises the key metrics from the database and this process's counters", async () => {
    const photo = await db().photo.create({
      data: {
        ownerId: owner.id,
        albumId: owner.defaultAlbumId,
        title: "Counted",
        status: "READY",
        originalKey: `k/${crypto.randomUUID()}`,
        originalName: "a.jpg",
        mimeType: "image/jpeg",
        byteSize: 123_456n,
        sha256: crypto.randomUUID(),
      },
      select: { id: true },
    });
    const failed = await addOverdueJob("FAILED");
    metrics().downloads.inc({ variant: "w320" }, 3);
    metrics().httpDuration.observe({ method: "GET", route: "/test", status: "200" }, 0.02);
    try {
      const summary = await readKeyMetrics();
      expect(summary.uploadsToday).toBeGreaterThanOrEqual(1);
      expect(summary.uploadBytesToday).toBeGreaterThanOrEqual(123_456);
      expect(summary.storedBytes).toBeGreaterThanOrEqual(summary.uploadBytesToday);
      expect(summary.failedJobsLast24h).toBeGreaterThanOrEqual(1);
      expect(summary.downloadsSinceStart).toBeGreaterThanOrEqual(3);
      expect(summary.p99LatencySeconds).not.toBeNull();
      expect(summary.maxJobLagSeconds).toBe(300);
      expect(summary.since.getTime()).toBeLessThanOrEqual(Date.now());
      // Tomorrow, today's uploads are yesterday's.
      const tomorrow = await readKeyMetrics(new Date(Date.now() + 86_400_000 * 2));
      expect(tomorrow.uploadsToday).toBe(0);
    } finally {
      await db().photo.delete({ where: { id: photo.id } });
      await removeJob(failed.id);
    }
  });

  it("reads a percentile off histogram buckets, across labels", async () => {
    const histogram = new Histogram({
      name: "t_seconds",
      help: "t",
      labelNames: ["route"],
      buckets: [0.01, 0.1, 1],
      registers: [new Registry()],
    });
    expect(await percentile(histogram, 0.99)).toBeNull();
    for (let i = 0; i < 99; i++) histogram.observe({ route: i % 2 ? "/a" : "/b" }, 0.005);
    histogram.observe({ route: "/a" }, 0.5);
    expect(await percentile(histogram, 0.99)).toBe(0.01);
    expect(await percentile(histogram, 1)).toBe(1);
    histogram.observe({ route: "/a" }, 5);
    histogram.observe({ route: "/a" }, 5);
    expect(await percentile(histogram, 0.99)).toBe(Infinity);
  });

  it("answers only the METRICS_TOKEN bearer token", () => {
    const asking = (authorization?: string) =>
      new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} });
    for (const wrong of [
      undefined,
      "Bearer nope",
      "a-metrics-token-for-tests",
      "Bearer a-metrics-token-for-test",
    ]) {
      expect(() => requireMetricsToken(asking(wrong)), String(wrong)).toThrow(AppError);
    }
    expect(() => requireMetricsToken(asking("Bearer a-metrics-token-for-tests"))).not.toThrow();
    expect(() => requireMetricsToken(asking("Bearer nope"))).toThrow(
      expect.objectContaining({ code: "unauthorized" }),
    );
  });

  it("does not exist while METRICS_TOKEN is unset, whatever the caller sends", () => {
    const request = new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer " } });
    expect(() => requireMetricsToken(request, null)).toThrow(
      expect.objectContaining({ code: "not_found", message: expect.stringMatching(/METRICS_TOKEN/) }),
    );
  });
});

describe("checkHealth", () => {
  it("is ok with the database, storage and an idle queue, and reports each check's latency", async () => {
    const report = await checkHealth();
    expect(report.checks.database).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
    expect(report.checks.storage).toMatchObject({ status: "ok", driver: "local" });
    expect(report.checks.jobs).toMatchObject({ maxLagSeconds: 300 });
    if (process.env.REDIS_URL) expect(report.checks.redis.status).toBe("ok");
    else expect(report.checks.redis).toMatchObject({ status: "skipped" });
    expect(report.status).not.toBe("fail");
  });

  it("calls a lagging queue degraded, not failed: every instance would fail with it", async () => {
    const job = await addOverdueJob();
    try {
      const report = await checkHealth();
      expect(report.checks.jobs).toMatchObject({
        status: "fail",
        error: expect.stringMatching(/waited too long/),
      });
      expect(report.checks.jobs.oldestDueAgeSeconds).toBeGreaterThanOrEqual(3_590);
      expect(report.status).toBe("degraded");
    } finally {
      await removeJob(job.id);
    }
  });

  it("calls Redis down degraded, not failed: the site falls back to the database", async () => {
    const holder = globalThis as unknown as { pinholeRedis?: Redis | null };
    const saved = holder.pinholeRedis;
    // Nothing listens on port 1: the connection is refused.
    const dead = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, retryStrategy: () => null });
    dead.on("error", () => {});
    holder.pinholeRedis = dead;
    try {
      const report = await checkHealth();
      expect(report.checks.redis.status).toBe("fail");
      expect(report.checks.redis.error).toMatch(/^(timed out|unreachable)$/);
      expect(report.checks.database.status).toBe("ok");
      expect(report.status).toBe("degraded");
    } finally {
      holder.pinholeRedis = saved;
      dead.disconnect();
    }
  });

  it("fails when storage cannot be written", async () => {
    const { storage } = await import("@/server/storage/storage");
    const real = storage().check.bind(storage());
    storage().check = () => Promise.reject(new Error("disk gone"));
    try {
      const report = await checkHealth();
      expect(report.checks.storage).toMatchObject({ status: "fail", error: "unreachable" });
      expect(report.status).toBe("fail");
    } finally {
      storage().check = real;
    }
  });
});
