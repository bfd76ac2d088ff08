// Fixtures for the scale suite: one cluster (test/support/scale-cluster.ts) per worker, shared by the
// spec files in turn (the suite runs with one worker), its database for seeding and checking.
import { createHash } from "node:crypto";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { seedUser, type SeededUser, type SeedUserInput } from "../../../prisma/seed/users";
import { scaleToolsMissing, startCluster, type Cluster } from "../../../test/support/scale-cluster";
import { waitForProcessed, type PhotoRow } from "../../support/uploads";
import { signIn } from "../../support/fixtures";

export const SCALE_PORT = Number(process.env.E2E_SCALE_PORT ?? 3240);

// The global setup installed what it could; whatever is still missing skips every test, saying what.
const missingTools = scaleToolsMissing(false);

interface Fixtures {
  tools: void;
  db: pg.Pool;
  seedUser: (input?: SeedUserInput) => Promise<SeededUser>;
}

export const test = base.extend<Fixtures, { cluster: Cluster }>({
  tools: [
    async ({}, provide, testInfo) => {
      testInfo.skip(missingTools !== null, missingTools ?? "");
      await provide();
    },
    { auto: true },
  ],
  cluster: [
    // Playwright's fixture callback is named `use` by convention; it is not React's hook.
    async ({}, provide) => {
      const cluster = await startCluster({
        basePort: SCALE_PORT,
        log: (m) => console.log(`[scale] ${m}`),
        appEnv: {
          // The tests sweep when they choose (a cut-off upload counts as one after 1 s), and a job
          // whose worker lost its database mid-way is taken over after 10 s.
          JOBS_SWEEP_INTERVAL_SECONDS: "0",
          UPLOAD_ABANDONED_AFTER_SECONDS: "1",
          JOBS_LOCK_TIMEOUT_SECONDS: "10",
        },
      });
      await provide(cluster);
      await cluster.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  db: async ({ cluster }, provide) => {
    const pool = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
    // The fault tests restart PostgreSQL under this pool: an idle connection it cuts is dropped.
    pool.on("error", () => undefined);
    await provide(pool);
    await pool.end();
  },
  seedUser: async ({ db }, provide) => {
    await provide((input) => seedUser(db, input));
  },
});

export { expect };

/** A browser context on `baseURL` signed in as `user`, and its cookie header for plain fetches. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  user: SeededUser,
): Promise<{ context: BrowserContext; cookie: string }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return { context, cookie };
}

export const sha256 = (bytes: Buffer | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The sweep, as a cron would call it. */
export async function sweep(baseURL: string, cronSecret: string): Promise<{ orphansRemoved: number }> {
  const res = await fetch(`${baseURL}/api/jobs/run`, { headers: { authorization: `Bearer ${cronSecret}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { orphansRemoved: number };
}

/** A Server-Sent Events client (what the browser's EventSource does), to read what arrives. */
export interface EventStream {
  /** The `data` of every `unread` event so far. */
  events: string[];
  status: number;
  upstream: string | null;
  /** Waits for an `unread` event with this data. */
  waitFor(data: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openUnreadStream(baseURL: string, cookie: string): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseURL}/api/notifications/stream`, {
    headers: { cookie, accept: "text/event-stream" },
    signal: abort.signal,
  });
  const events: string[] = [];
  const waiters: { data: string; resolve: () => void }[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = res.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          if (!lines.includes("event: unread")) continue;
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6) ?? "";
          events.push(data);
          for (const w of waiters.filter((w) => w.data === data)) w.resolve();
        }
      }
    } catch {
      // Closed by close(), or the server went away: the events so far stay readable.
    }
  })();
  return {
    events,
    status: res.status,
    upstream: res.headers.get("x-upstream"),
    waitFor(data, timeoutMs = 15_000) {
      if (events.includes(data)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no unread event "${data}" within ${timeoutMs} ms (got ${events.join(", ")})`)),
          timeoutMs,
        );
        waiters.push({ data, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => abort.abort(),
  };
}

export interface UploadAnswer {
  status: number;
  text: string;
  photoId?: string;
}

/** POSTs bytes as the upload page does; a network failure is status 0. */
export async function upload(
  baseURL: string,
  cookie: string,
  bytes: Buffer,
  name: string,
): Promise<UploadAnswer> {
  try {
    const res = await fetch(`${baseURL}/api/uploads`, {
      method: "POST",
      headers: {
        cookie,
        origin: baseURL,
        "content-type": "application/octet-stream",
        "x-upload-filename": name,
      },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    const photoId = res.status === 201 ? (JSON.parse(text) as { photo: { id: string } }).photo.id : undefined;
    return { status: res.status, text, photoId };
  } catch (error) {
    return { status: 0, text: String(error) };
  }
}

/** Every key in the store under a person's folder, sorted. */
export async function listKeys(cluster: Cluster, ownerId: string): Promise<string[]> {
  const client = new S3Client({
    endpoint: cluster.s3.url,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: cluster.s3.bucket,
          Prefix: `${ownerId}/`,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    client.destroy();
  }
  return keys.sort();
}

/** The keys the database says a person's photos have: each original and each variant. */
export async function recordedKeys(db: pg.Pool, ownerId: string): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT original_key AS key FROM photos WHERE owner_id = $1
     UNION ALL SELECT v.key FROM photo_variants v JOIN photos p ON p.id = v.photo_id WHERE p.owner_id = $1`,
    [ownerId],
  );
  return rows.map((r) => r.key).sort();
}

/**
 * Waits until every photo is processed, sweeping every 2 s (the clusters' servers do not sweep on a
 * timer in tests: a job put back after a failure waits for the next sweep).
 */
export async function settle(cluster: Cluster, db: pg.Pool, ids: string[]): Promise<PhotoRow[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await sweep(cluster.balancerURL, cluster.cronSecret);
    const rows = await Promise.all(ids.map((id) => waitForProcessed(db, id, 2_000).catch(() => null)));
    if (rows.every((r) => r !== null)) return rows as PhotoRow[];
    if (Date.now() > deadline) throw new Error("photos still processing after 90 s of sweeps");
  }
}
