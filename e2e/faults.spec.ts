// Crashes: a server killed mid-upload or mid-job loses nothing, leaves no orphan after the sweep,
// and a retry with the same Idempotency-Key gives exactly one photo.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, signIn, test } from "./support/fixtures";
import { killHard, startServer, type TestServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const PORT = Number(process.env.E2E_FAULT_PORT ?? 3217);
const CRON_SECRET = `cron-${randomUUID()}`;
const FAULT_ENV = {
  CRON_SECRET,
  // Sweeps only when the test says so; a dead worker's job and a cut-off upload count as such quickly.
  JOBS_SWEEP_INTERVAL_SECONDS: "0",
  JOBS_LOCK_TIMEOUT_SECONDS: "2",
  UPLOAD_ABANDONED_AFTER_SECONDS: "1",
};

async function sweep(server: TestServer) {
  const res = await fetch(`${server.baseURL}/api/jobs/run`, {
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ orphansRemoved: number }>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

const mediaDir = () => path.join(process.env.E2E_DATA_DIR!, "media");

test("kill -9 mid-upload: no half photo, nothing left after the sweep, the retry lands once", async ({
  browser,
  seedUser,
  db,
}) => {
  let server = await startServer(PORT, FAULT_ENV);
  const user = await seedUser();
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const bytes = await fixture("large", "jolla.jpg");
  const key = randomUUID();

  // Send half the body, then kill the server while it waits for the rest.
  await new Promise<void>((resolve) => {
    const req = http.request(`${server.baseURL}/api/uploads`, {
      method: "POST",
      headers: {
        cookie,
        origin: server.baseURL,
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
        "idempotency-key": key,
        "x-upload-filename": "jolla.jpg",
      },
    });
    req.on("error", () => resolve());
    req.write(bytes.subarray(0, bytes.length / 2), () =>
      setTimeout(() => void killHard(server).then(resolve), 300),
    );
  });

  server = await startServer(PORT, FAULT_ENV);
  const none = await db.query("SELECT id FROM photos WHERE owner_id = $1", [user.id]);
  expect(none.rowCount).toBe(0);
  await new Promise((r) => setTimeout(r, 1_200));
  await sweep(server);
  expect(await filesUnder(path.join(mediaDir(), user.id))).toEqual([]);
  const receiving = await readdir(path.join(os.tmpdir(), "pinhole-uploads")).catch(() => [] as string[]);
  for (const name of receiving) {
    const info = await stat(path.join(os.tmpdir(), "pinhole-uploads", name)).catch(() => null);
    // Only uploads in flight right now (other tests') may remain.
    if (info) expect(Date.now() - info.mtimeMs).toBeLessThan(5_000);
  }

  const retryContext = await browser.newContext({ baseURL: server.baseURL });
  const retryPage = await retryContext.newPage();
  await signIn(retryPage, user);
  const retry = await postUpload(retryPage.request, server.baseURL, bytes, "jolla.jpg", {
    idempotencyKey: key,
  });
  expect(retry.status()).toBe(201);
  const again = await postUpload(retryPage.request, server.baseURL, bytes, "jolla.jpg", {
    idempotencyKey: key,
  });
  expect(again.status()).toBe(200);
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM photos WHERE owner_id = $1",
    [user.id],
  );
  expect(rows[0]!.n).toBe(1);
  await waitForProcessed(db, (await retry.json()).photo.id);
  await context.close();
  await retryContext.close();
  await killHard(server);
});

test("kill -9 mid-job: the job is retried and the output is complete, never half-written", async ({
  browser,
  seedUser,
  db,
}) => {
  let server = await startServer(PORT, FAULT_ENV);
  const user = await seedUser();
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await signIn(page, user);

  // A large HEIC takes a while to decode: long enough to kill the server in the middle of it.
  const res = await postUpload(
    page.request,
    server.baseURL,
    await fixture("heic", "IMG_5195.HEIC"),
    "IMG_5195.HEIC",
  );
  expect(res.status()).toBe(201);
  const photoId = (await res.json()).photo.id as string;
  const deadline = Date.now() + 10_000;
  let state = "PENDING";
  while (state !== "RUNNING" && state !== "DONE" && Date.now() < deadline) {
    // graphile-worker: a locked job is running; a finished one is deleted.
    const { rows } = await db.query<{ running: boolean }>(
      "SELECT locked_at IS NOT NULL AS running FROM graphile_worker.jobs WHERE key LIKE '%:' || $1",
      [photoId],
    );
    state = rows[0] ? (rows[0].running ? "RUNNING" : "PENDING") : "DONE";
    if (state !== "RUNNING") await new Promise((r) => setTimeout(r, 20));
  }
  await killHard(server);
  test.info().annotations.push({ type: "job state when killed", description: state });

  server = await startServer(PORT, FAULT_ENV);
  await new Promise((r) => setTimeout(r, 2_500)); // the dead worker's lock expires
  await sweep(server);
  const row = await waitForProcessed(db, photoId);
  expect(row.status).toBe("READY");

  // Complete: every recorded variant exists, and the store holds exactly the original and those.
  const { rows: variants } = await db.query<{ key: string; byte_size: number }>(
    "SELECT key, byte_size FROM photo_variants WHERE photo_id = $1",
    [photoId],
  );
  expect(variants.length).toBeGreaterThanOrEqual(2);
  // This user's folder only: other tests write to the same store at the same time.
  const stored = (await filesUnder(path.join(mediaDir(), user.id))).map((f) => `${user.id}/${f}`);
  expect(stored).toEqual([row.original_key, ...variants.map((v) => v.key)].sort());
  for (const v of variants) expect((await stat(path.join(mediaDir(), v.key))).size).toBe(v.byte_size);
  await context.close();
  await killHard(server);
});
