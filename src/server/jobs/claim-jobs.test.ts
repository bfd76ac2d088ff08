import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
process.env.JOBS_LOCK_TIMEOUT_SECONDS = "1";
const { db } = await import("@/server/db/client");
const { claimJobs, completeJob, retryJob, failJob } = await import("./claim-jobs");

// Jobs of a kind no other test uses, so these tests see only their own rows.
async function addJobs(n: number, kind: string) {
  await db().job.createMany({ data: Array.from({ length: n }, () => ({ kind })) });
}
async function statuses(kind: string) {
  const rows = await db().job.findMany({ where: { kind }, select: { status: true } });
  return rows.map((r) => r.status).sort();
}
async function claimOwn(worker: string, limit: number, kind: string) {
  const claimed = await claimJobs(worker, limit);
  // Put back anything another test file enqueued, untouched.
  const others = claimed.filter((j) => j.kind !== kind);
  if (others.length)
    await db().job.updateMany({
      where: { id: { in: others.map((j) => j.id) } },
      data: { status: "PENDING", attempts: { decrement: 1 } },
    });
  return claimed.filter((j) => j.kind === kind);
}

describe("the job queue", () => {
  it("concurrent workers never claim the same job", async () => {
    const kind = `test-${crypto.randomUUID()}`;
    await addJobs(40, kind);
    const batches = await Promise.all(Array.from({ length: 8 }, (_, i) => claimOwn(`w${i}`, 5, kind)));
    const ids = batches.flat().map((j) => j.id);
    expect(ids.length).toBe(40);
    expect(new Set(ids).size).toBe(40);
    await Promise.all(batches.flatMap((batch, i) => batch.map((j) => completeJob(j.id, `w${i}`))));
    expect(await statuses(kind)).toEqual(Array(40).fill("DONE"));
  });

  it("retries later with backoff, completes, fails for good", async () => {
    const kind = `test-${crypto.randomUUID()}`;
    await addJobs(3, kind);
    const [a, b, c] = await claimOwn("w", 3, kind);
    await retryJob(a!.id, "w", a!.attempts, "boom");
    await completeJob(b!.id, "w");
    await failJob(c!.id, "w", "bad input");
    expect(await statuses(kind)).toEqual(["DONE", "FAILED", "PENDING"]);
    const retried = await db().job.findUniqueOrThrow({ where: { id: a!.id } });
    expect(retried.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(retried.lastError).toBe("boom");
    // Not due yet: nobody claims it.
    expect(await claimOwn("w2", 10, kind)).toEqual([]);
  });

  it("takes over a job whose worker died, and the dead worker cannot finish it afterwards", async () => {
    const kind = `test-${crypto.randomUUID()}`;
    await addJobs(1, kind);
    const [job] = await claimOwn("dead", 100, kind);
    expect(await claimOwn("alive", 100, kind)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_100));
    const [again] = await claimOwn("alive", 100, kind);
    expect(again?.id).toBe(job!.id);
    expect(again?.attempts).toBe(2);
    await completeJob(job!.id, "dead");
    expect(await statuses(kind)).toEqual(["RUNNING"]);
    await completeJob(job!.id, "alive");
    expect(await statuses(kind)).toEqual(["DONE"]);
  });
});
