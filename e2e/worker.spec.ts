// A web server with JOBS_IN_WEB=false runs no jobs; a separate `npm run worker` process makes the
// thumbnails of a photo uploaded to it, and on SIGTERM exits cleanly. Both run against a database of
// their own, so the shared e2e server (which runs jobs) cannot take the photo's job first.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import { createDatabaseOn, type ScratchDatabase } from "../test/support/scratch";
import { expect, signIn, test } from "./support/fixtures";
import { killHard, startServer, type TestServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const PORT = Number(process.env.E2E_WORKER_PORT ?? 3219);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let scratch: ScratchDatabase | undefined;
let server: TestServer | undefined;
let worker: ChildProcess | undefined;

test.afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill("SIGKILL");
  if (server) await killHard(server);
  await scratch?.drop();
});

/** `npm run worker`'s command itself (package.json), so SIGTERM reaches it and its exit code is its own. */
function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<number | null> } {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [bin, ...args] = pkg.scripts.worker!.split(" ");
  expect(bin).toBe("tsx");
  const require = createRequire(import.meta.url);
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), ...args], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited };
}

test("a photo uploaded to a web server with jobs off gets its thumbnails from `npm run worker`", async ({
  browser,
}) => {
  scratch = await createDatabaseOn(process.env.E2E_DATABASE_URL!);
  const env = { DATABASE_URL: scratch.url, JOBS_IN_WEB: "false", MIGRATE_ON_START: "true" };
  server = await startServer(PORT, env);
  const sql = new pg.Pool({ connectionString: scratch.url, max: 1 });
  try {
    const user = await seedUser(sql);
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await signIn(page, user);
    const res = await postUpload(
      page.request,
      server.baseURL,
      await fixture("gps", "DSCN0021.jpg"),
      "DSCN0021.jpg",
    );
    expect(res.status()).toBe(201);
    const photoId = (await res.json()).photo.id as string;

    // Committed with the upload, and untouched: nothing on the web server runs it.
    const job = () =>
      sql.query<{ attempts: number; locked_by: string | null }>(
        "SELECT attempts, locked_by FROM graphile_worker.jobs WHERE key LIKE '%:' || $1",
        [photoId],
      );
    expect((await job()).rows).toEqual([{ attempts: 0, locked_by: null }]);
    expect((await sql.query("SELECT status FROM photos WHERE id = $1", [photoId])).rows).toEqual([
      { status: "PROCESSING" },
    ]);

    const { child, exited } = startWorker({
      ...(process.env as Record<string, string>),
      NODE_ENV: "production",
      PINHOLE_DATA_DIR: process.env.E2E_DATA_DIR!,
      ...env,
    });
    worker = child;
    const row = await waitForProcessed(sql, photoId);
    expect(row.status).toBe("READY");
    const variants = await sql.query("SELECT width FROM photo_variants WHERE photo_id = $1", [photoId]);
    expect(variants.rowCount).toBeGreaterThanOrEqual(2);
    expect((await job()).rows).toEqual([]);
    // The thumbnails the worker wrote are what the web server serves.
    await page.goto(`/photos/${photoId}`);
    const thumb = page.locator("img[src*='/media/']").first();
    await expect(thumb).toBeVisible();
    await context.close();

    // SIGTERM: the worker stops taking jobs, hands back what runs, and exits cleanly.
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect((await sql.query("SELECT 1 FROM job_workers")).rowCount).toBe(0);
  } finally {
    await sql.end();
  }
});
