// Redis, PostgreSQL and the object store go away and come back while two app servers serve the site
// (e2e/faults.spec.ts covers a server killed mid-upload and mid-job). After each: every acknowledged
// upload is there with its checksum, nothing is orphaned after the sweep, and the same app processes
// serve again: nobody restarted them.
import { spawnSync } from "node:child_process";
import sharp from "sharp";
import type pg from "pg";
import type { Cluster } from "../../test/support/scale-cluster";
import {
  expect,
  listKeys,
  openUnreadStream,
  recordedKeys,
  settle,
  sha256,
  signedIn,
  sweep,
  test,
  upload,
  type UploadAnswer,
} from "./support/fixtures";

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** A small JPEG nobody else uploads (uploads of the same bytes are deduplicated). */
let made = 0;
async function uniqueJpeg(): Promise<Buffer> {
  made++;
  const seed = (Date.now() + made * 7919) % 16_777_216;
  return sharp({
    create: {
      width: 96,
      height: 64,
      channels: 3,
      background: { r: seed & 255, g: (seed >> 8) & 255, b: made & 255 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

interface Acknowledged {
  id: string;
  sha: string;
}

/** An upload that answered 201 is the site's promise that the photo exists. */
function acknowledge(answer: UploadAnswer, bytes: Buffer, into: Acknowledged[]) {
  if (answer.status === 201) into.push({ id: answer.photoId!, sha: sha256(bytes) });
}

/** Nothing lost, nothing orphaned, no restart: the checks after every outage. */
async function expectIntact(
  cluster: Cluster,
  db: pg.Pool,
  ownerId: string,
  cookie: string,
  acknowledged: Acknowledged[],
) {
  const pids = cluster.apps.map((a) => a.process.pid);
  const rows = await settle(
    cluster,
    db,
    acknowledged.map((a) => a.id),
  );
  for (const row of rows) expect(row.status).toBe("READY");
  const { rows: photos } = await db.query<{ id: string; sha256: string; media_secret: string }>(
    "SELECT id, sha256, media_secret FROM photos WHERE owner_id = $1 AND deleted_at IS NULL",
    [ownerId],
  );
  // Exactly the acknowledged photos: a failed upload left no row.
  expect(photos.map((p) => p.id).sort()).toEqual(acknowledged.map((a) => a.id).sort());
  for (const a of acknowledged) {
    const photo = photos.find((p) => p.id === a.id)!;
    expect(photo.sha256).toBe(a.sha);
    const original = await fetch(`${cluster.balancerURL}/media/${a.id}/${photo.media_secret}/original`, {
      headers: { cookie },
    });
    expect(original.status).toBe(200);
    expect(sha256(Buffer.from(await original.arrayBuffer()))).toBe(a.sha);
  }
  // A cut-off upload counts as abandoned after 1 s (UPLOAD_ABANDONED_AFTER_SECONDS in the fixtures).
  await new Promise((r) => setTimeout(r, 1_200));
  await sweep(cluster.balancerURL, cluster.cronSecret);
  const intents = await db.query("SELECT 1 FROM upload_intents WHERE owner_id = $1", [ownerId]);
  expect(intents.rowCount).toBe(0);
  expect(await listKeys(cluster, ownerId)).toEqual(await recordedKeys(db, ownerId));
  // The same processes answer (no restart), both of them.
  expect(cluster.apps.map((a) => a.process.pid)).toEqual(pids);
  for (const app of cluster.apps) {
    expect(app.process.exitCode).toBeNull();
    expect((await fetch(`${app.baseURL}/photos/${acknowledged[0]!.id}`)).status).toBe(200);
  }
}

/** Polls until every app server answers `path` with 200 (they find their way back by themselves). */
async function untilServing(cluster: Cluster, path: string, timeoutMs = 30_000) {
  for (const app of cluster.apps) {
    await expect
      .poll(async () => (await fetch(`${app.baseURL}${path}`).catch(() => null))?.status, {
        timeout: timeoutMs,
      })
      .toBe(200);
  }
}

test("Redis stops and starts: pages, sign-in and uploads keep working; pub/sub and rate limits come back by themselves", async ({
  browser,
  cluster,
  seedUser,
  db,
}) => {
  const [one, two] = cluster.apps;
  const [owner, fan] = await Promise.all([seedUser(), seedUser()]);
  const { context, cookie } = await signedIn(browser, one.baseURL, owner);
  const acknowledged: Acknowledged[] = [];
  const first = await uniqueJpeg();
  acknowledge(await upload(one.baseURL, cookie, first, "before.jpg"), first, acknowledged);
  expect(acknowledged).toHaveLength(1);
  // An SSE stream opened before the outage, on the other server: it must hear again afterwards.
  const stream = await openUnreadStream(two.baseURL, cookie);
  await stream.waitFor("0");

  const t0 = Date.now();
  const mark = (what: string) => console.log(`[redis outage] ${what} at ${Date.now() - t0} ms`);
  await cluster.redis.stop();
  try {
    for (const app of [one, two]) {
      expect((await fetch(`${app.baseURL}/people/${owner.handle}`)).status).toBe(200);
      expect(
        (await fetch(`${app.baseURL}/photos/${acknowledged[0]!.id}`, { headers: { cookie } })).status,
      ).toBe(200);
    }
    // Signing in counts attempts in the rate limiter: without Redis, in each server's memory.
    const fanSession = await signedIn(browser, two.baseURL, fan);
    await fanSession.context.close();
    for (const app of [one, two]) {
      const bytes = await uniqueJpeg();
      const answer = await upload(app.baseURL, cookie, bytes, "during.jpg");
      expect(answer.status, answer.text).toBe(201);
      acknowledge(answer, bytes, acknowledged);
    }
    // A stream opened during the outage still gets its count (from the database).
    const during = await openUnreadStream(one.baseURL, cookie);
    await during.waitFor("0");
    during.close();
  } finally {
    await cluster.redis.start();
    mark("redis back");
  }

  // Pub/sub: the old stream's server re-subscribes on its own; a notification raised through the
  // other server reaches it. Follow, unfollow, follow again until one gets through (the
  // reconnection takes up to a couple of seconds).
  const fanSession = await signedIn(browser, one.baseURL, fan);
  const page = await fanSession.context.newPage();
  await page.goto(`/people/${owner.handle}`);
  await expect
    .poll(
      async () => {
        await page.getByRole("button", { name: /^Follow / }).click();
        await expect(page.getByRole("button", { name: /^Following/ })).toBeVisible();
        const heard = await stream.waitFor(String(await unread(db, owner.id)), 2_000).then(
          () => true,
          () => false,
        );
        if (!heard) {
          await page.getByRole("button", { name: /^Following/ }).click();
          await expect(page.getByRole("button", { name: /^Follow / })).toBeVisible();
        }
        return heard;
      },
      { timeout: 30_000, intervals: [0] },
    )
    .toBe(true);
  stream.close();
  await fanSession.context.close();

  mark("pub/sub heard");
  // Rate limits: counted in Redis again (a failed sign-in leaves its window there).
  const port = new URL(cluster.redis.url).port;
  const windows = () =>
    spawnSync("redis-cli", ["-p", port, "--scan", "--pattern", "pinhole:rl:*"], {
      encoding: "utf8",
    }).stdout.trim();
  const visitor = await browser.newContext({ baseURL: two.baseURL });
  const signInPage = await visitor.newPage();
  await expect
    .poll(
      async () => {
        await signInPage.goto("/sign-in");
        await signInPage.getByLabel("Email").fill(`nobody-${Date.now()}@example.test`);
        await signInPage.getByLabel("Password", { exact: true }).fill("wrong password");
        await signInPage.getByRole("button", { name: "Sign in" }).click();
        await expect(signInPage.getByText("Email or password is incorrect.")).toBeVisible();
        return windows().length > 0;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(true);
  await visitor.close();

  mark("rate limits in redis");
  await expectIntact(cluster, db, owner.id, cookie, acknowledged);
  mark("intact");
  await context.close();
});

async function unread(db: pg.Pool, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    [userId],
  );
  return rows[0]!.n;
}

interface Outcome {
  what: string;
  status: number;
  ms: number;
  body: string;
}

/** Browsers and uploaders through the balancer until `stop` says so; every answer is kept. */
function load(
  cluster: Cluster,
  cookie: string,
  paths: string[],
  stop: { now: boolean },
  acknowledged: Acknowledged[],
) {
  const outcomes: Outcome[] = [];
  const browse = async () => {
    for (let i = 0; !stop.now; i++) {
      const path = paths[i % paths.length]!;
      const started = Date.now();
      const res = await fetch(`${cluster.balancerURL}${path}`, { signal: AbortSignal.timeout(30_000) }).catch(
        (e: unknown) => ({ status: 0, text: async () => String(e) }),
      );
      const body = await res.text();
      outcomes.push({
        what: `GET ${path}`,
        status: res.status,
        ms: Date.now() - started,
        body: body.slice(0, 200),
      });
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const uploader = async () => {
    while (!stop.now) {
      const bytes = await uniqueJpeg();
      const started = Date.now();
      const answer = await upload(cluster.balancerURL, cookie, bytes, "under-load.jpg");
      outcomes.push({
        what: "upload",
        status: answer.status,
        ms: Date.now() - started,
        body: answer.text.slice(0, 200),
      });
      acknowledge(answer, bytes, acknowledged);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const running = Promise.all([browse(), browse(), browse(), browse(), uploader(), uploader()]);
  return { outcomes, running };
}

test("PostgreSQL restarts under load: requests fail cleanly while it is down and succeed after, no restart", async ({
  browser,
  cluster,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const { context, cookie } = await signedIn(browser, cluster.balancerURL, owner);
  const acknowledged: Acknowledged[] = [];
  const bytes = await uniqueJpeg();
  acknowledge(await upload(cluster.balancerURL, cookie, bytes, "before.jpg"), bytes, acknowledged);
  await settle(cluster, db, [acknowledged[0]!.id]);
  const paths = [
    `/people/${owner.handle}`,
    `/photos/${acknowledged[0]!.id}`,
    "/",
    "/api/photos?scope=explore",
  ];

  const stop = { now: false };
  const { outcomes, running } = load(cluster, cookie, paths, stop, acknowledged);
  await new Promise((r) => setTimeout(r, 1_500));
  const down = outcomes.length;
  await cluster.postgres.stop();
  await new Promise((r) => setTimeout(r, 3_000));
  await cluster.postgres.start();
  const up = outcomes.length;
  await new Promise((r) => setTimeout(r, 4_000));
  stop.now = true;
  await running;
  await untilServing(cluster, paths[0]!);

  const during = outcomes.slice(down, up);
  const failures = outcomes.filter((o) => o.status !== 200 && o.status !== 201);
  const kinds = new Map<string, number>();
  for (const f of failures) {
    const kind = `${f.what.startsWith("GET /api") || f.what === "upload" ? f.what : "page"} ${f.status}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const summary = `${outcomes.length} requests, ${failures.length} failed: ${JSON.stringify(Object.fromEntries(kinds))}`;
  console.log(`[postgres restart] ${summary}`);
  test.info().annotations.push({ type: "outcomes", description: summary });
  // The outage was seen, and every request during it got an answer (no hang, no dropped connection).
  expect(during.some((o) => o.status >= 500)).toBe(true);
  for (const o of outcomes) expect(o.status, `${o.what}: ${o.body}`).not.toBe(0);
  // The API says "try again": 503 with its code, never a half-done 201.
  for (const o of failures.filter((f) => f.what === "upload" || f.what.startsWith("GET /api"))) {
    expect(o.status, `${o.what}: ${o.body}`).toBe(503);
    expect(JSON.parse(o.body).error.code).toBe("unavailable");
  }
  // Afterwards everything succeeds again, on both servers.
  const afterBytes = await uniqueJpeg();
  const after = await upload(cluster.apps[1].baseURL, cookie, afterBytes, "after.jpg");
  expect(after.status, after.text).toBe(201);
  acknowledge(after, afterBytes, acknowledged);
  await expectIntact(cluster, db, owner.id, cookie, acknowledged);
  await context.close();
});

test("the object store goes away mid-upload: uploads fail with a clear error and leave nothing, then work again", async ({
  browser,
  cluster,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const { context, cookie } = await signedIn(browser, cluster.balancerURL, owner);
  const acknowledged: Acknowledged[] = [];
  const bytes = await uniqueJpeg();
  acknowledge(await upload(cluster.balancerURL, cookie, bytes, "before.jpg"), bytes, acknowledged);
  const [before] = await settle(cluster, db, [acknowledged[0]!.id]);

  // Uploads in flight when the store dies: each is either acknowledged (and then kept) or refused.
  const inFlight = Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const b = await uniqueJpeg();
      const answer = await upload(cluster.apps[i % 2]!.baseURL, cookie, b, "in-flight.jpg");
      acknowledge(answer, b, acknowledged);
      return answer;
    }),
  );
  await new Promise((r) => setTimeout(r, 30));
  await cluster.s3.stop();
  try {
    for (const answer of await inFlight) {
      expect([201, 503], answer.text).toContain(answer.status);
    }
    for (const app of cluster.apps) {
      const refused = await upload(app.baseURL, cookie, await uniqueJpeg(), "refused.jpg");
      expect(refused.status, refused.text).toBe(503);
      const error = (JSON.parse(refused.text) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe("unavailable");
      expect(error.message).toMatch(/storage/i);
      // Media from the store: refused cleanly too; the page (from the database) still renders.
      const media = await fetch(`${app.baseURL}/media/${before!.id}/${before!.media_secret}/original`, {
        headers: { cookie },
      });
      expect(media.status).toBe(503);
      expect((await fetch(`${app.baseURL}/photos/${before!.id}`)).status).toBe(200);
    }
  } finally {
    await cluster.s3.start();
  }
  for (const app of cluster.apps) {
    const b = await uniqueJpeg();
    const answer = await upload(app.baseURL, cookie, b, "after.jpg");
    expect(answer.status, answer.text).toBe(201);
    acknowledge(answer, b, acknowledged);
  }
  await expectIntact(cluster, db, owner.id, cookie, acknowledged);
  await context.close();
});
