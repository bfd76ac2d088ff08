// Operations on the database, end to end against the production server: the site through a real
// PgBouncer in transaction mode (migrations from scratch, uploads, page views), and a backup taken
// while uploads continue, restored into a new embedded data folder and into the machine's
// PostgreSQL, each then serving every photo, album, comment and grant with byte-identical originals.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext } from "@playwright/test";
import pg from "pg";
import { seedUser, type SeededUser } from "../prisma/seed/users";
import { startPgBouncer } from "../test/support/pgbouncer";
import { createDatabaseOn, withClient } from "../test/support/scratch";
import { ensureSystemTool } from "../test/support/system-tools";
import { expect, signIn, test } from "./support/fixtures";
import { E2E_METRICS_TOKEN } from "./support/metrics-token";
import { startServer, type TestServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ mode: "serial", timeout: 600_000 });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const PORT = Number(process.env.E2E_DBOPS_PORT ?? 3218);
const BOUNCER_PORT = Number(process.env.E2E_PGBOUNCER_PORT ?? 6440);
const MACHINE_POSTGRES =
  process.env.E2E_MACHINE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PHOTOS = ["Canon_40D.jpg", "Canon_DIGITAL_IXUS_400.jpg", "Canon_PowerShot_S40.jpg", "Kodak_CX7530.jpg"];

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(root, "prisma", "migrations"), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function stopServer(server: TestServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((r) => server.process.once("exit", r));
  server.process.kill("SIGTERM");
  await exited;
}

/** A browser context on the server, signed in as `user`; its `request` carries the session. */
async function signedIn(browser: Browser, baseURL: string, user: SeededUser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  return context;
}

async function upload(context: BrowserContext, baseURL: string, name: string): Promise<string> {
  // Bytes after the JPEG's end marker, which decoders ignore: each upload is new, never a duplicate.
  const bytes = Buffer.concat([await fixture("cameras", name), randomBytes(16)]);
  const res = await postUpload(context.request, baseURL, bytes, name);
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { photo: { id: string } }).photo.id;
}

/** `pinhole db` on a data folder: the embedded database the launcher starts, until stopped. */
async function embeddedDatabase(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/pinhole.ts", "db"],
    {
      cwd: root,
      env: { ...process.env, PINHOLE_DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("DATABASE_URL=")) resolve(line.slice("DATABASE_URL=".length));
    });
    child.once("exit", (code) => reject(new Error(`pinhole db exited (${code})`)));
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** `npm run backup|restore -- <dir>` with only the given settings (nothing of the test's own). */
function runOps(
  command: "backup" | "restore",
  dir: string,
  settings: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    __NEXT_PROCESSED_ENV: "true",
    DATABASE_URL: "",
    ...settings,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/backup.ts", command, dir],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("the site runs through PgBouncer in transaction mode: migrations from scratch, uploads, page views (skipped, with the reason, only where pgbouncer cannot be installed)", async ({
  browser,
}) => {
  const tool = ensureSystemTool({
    command: "pgbouncer",
    debianPackage: "pgbouncer",
    paths: ["/usr/sbin/pgbouncer"],
  });
  test.skip(!tool.found, tool.found ? "" : tool.reason);
  if (!tool.found) return;
  const server = process.env.E2E_DATABASE_URL!;
  const scratch = await createDatabaseOn(server);
  const bouncer = await startPgBouncer(tool.path, server, BOUNCER_PORT);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pinhole-bouncer-"));
  const direct = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    // First without DIRECT_DATABASE_URL: the migrations themselves go through the pooler.
    for (const directUrl of ["", scratch.url]) {
      const site = await startServer(PORT, {
        DATABASE_URL: bouncer.url(scratch.name),
        DIRECT_DATABASE_URL: directUrl,
        MIGRATE_ON_START: "true",
        PINHOLE_DATA_DIR: dataDir,
        DATABASE_POOL_SIZE: "5",
        METRICS_TOKEN: E2E_METRICS_TOKEN,
      });
      try {
        const { rows } = await direct.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1`,
        );
        expect(rows.map((r) => r.migration_name)).toEqual((await migrationNames()).sort());

        const owner = await seedUser(direct);
        const context = await signedIn(browser, site.baseURL, owner);
        const id = await upload(context, site.baseURL, PHOTOS[0]!);
        expect((await waitForProcessed(direct, id)).status).toBe("READY");
        await direct.query(
          "UPDATE photos SET title = 'Through the pooler', visibility = 'PUBLIC' WHERE id = $1",
          [id],
        );
        // The person's page for anonymous visitors (the page cache's version lookups share the pool),
        // twice: rendered, then served from the cache.
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${site.baseURL}/people/${owner.handle}`);
          expect(res.status).toBe(200);
          expect(await res.text()).toContain(owner.displayName);
        }
        // The second was a hit: the cache's version lookups ran on the shared pool, through the pooler.
        const metrics = await fetch(`${site.baseURL}/api/metrics`, {
          headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
        });
        const hits = /^pinhole_page_cache_requests_total\{result="hit"\} (\d+)/m.exec(await metrics.text());
        expect(Number(hits?.[1])).toBeGreaterThan(0);
        const page = await context.request.get(`/photos/${id}`);
        expect(page.status()).toBe(200);
        expect(await page.text()).toContain("Through the pooler");
        await context.close();
      } finally {
        await stopServer(site);
      }
    }
    // No migration lock left behind on any of the pooler's server connections.
    const locks = await direct.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(locks.rowCount).toBe(0);
  } finally {
    await direct.end();
    await bouncer.stop();
    await scratch.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

interface SiteState {
  owner: SeededUser;
  friend: SeededUser;
  photos: { id: string; original_key: string; sha256: string }[];
  album: string;
  privatePhoto: string;
  comment: string;
  grants: string[];
}

test("a backup taken while uploads continue restores into a new embedded folder and into the machine's PostgreSQL (skipped, with the reason, only where pg_dump 15 cannot be installed)", async ({
  browser,
}) => {
  const pgDump = ensureSystemTool({
    command: "pg_dump",
    debianPackage: "postgresql-client-15",
    paths: ["/usr/lib/postgresql/15/bin/pg_dump"],
  });
  test.skip(!pgDump.found, pgDump.found ? "" : pgDump.reason);
  const machine = await withClient(MACHINE_POSTGRES, async () => true).catch(() => false);
  // Under the project (not a 0700 temp folder): as root the embedded PostgreSQL runs as the postgres user.
  const work = path.join(root, ".test-data", `backup-${randomBytes(4).toString("hex")}`);
  const sourceDir = path.join(work, "source");
  const backupDir = path.join(work, "backup");
  const source = await embeddedDatabase(sourceDir);
  const db = new pg.Pool({ connectionString: source.url, max: 2 });
  let site: TestServer | undefined;
  try {
    site = await startServer(PORT, { DATABASE_URL: source.url, PINHOLE_DATA_DIR: sourceDir });
    const owner = await seedUser(db);
    const friend = await seedUser(db);
    const context = await signedIn(browser, site.baseURL, owner);
    const ids = [
      await upload(context, site.baseURL, PHOTOS[0]!),
      await upload(context, site.baseURL, PHOTOS[1]!),
    ];
    for (const id of ids) expect((await waitForProcessed(db, id)).status).toBe("READY");
    const album = (
      await db.query<{ id: string }>(
        "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Lisbon, spring', 'PUBLIC') RETURNING id",
        [owner.id],
      )
    ).rows[0]!.id;
    await db.query(
      "UPDATE photos SET album_id = $1, visibility = 'PUBLIC', title = 'Tram 28' WHERE id = $2",
      [album, ids[0]],
    );
    const comment = `What a view ${randomBytes(3).toString("hex")}`;
    await db.query("INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, $3)", [
      ids[0],
      friend.id,
      comment,
    ]);
    await db.query("UPDATE photos SET visibility = 'SHARED', title = 'Just for Ana' WHERE id = $1", [ids[1]]);
    const grants = (
      await db.query<{ id: string }>(
        "INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2) RETURNING id",
        [friend.id, ids[1]],
      )
    ).rows.map((r) => r.id);
    const photos = (
      await db.query<SiteState["photos"][number]>(
        "SELECT id, original_key, sha256 FROM photos WHERE owner_id = $1 ORDER BY id",
        [owner.id],
      )
    ).rows;
    const state: SiteState = { owner, friend, photos, album, privatePhoto: ids[1]!, comment, grants };

    // Uploads keep arriving while the backup runs.
    let backingUp = true;
    let duringBackup = 0;
    // A failed upload is kept for after the backup, so the test still stops what it started.
    const uploads = (async () => {
      for (let i = 0; backingUp; i++) {
        await upload(context, site!.baseURL, PHOTOS[i % PHOTOS.length]!);
        if (backingUp) duringBackup++;
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    const backup = await runOps("backup", backupDir, { PINHOLE_DATA_DIR: sourceDir });
    backingUp = false;
    const uploadError = await uploads;
    if (uploadError) throw uploadError;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("database dumped (PostgreSQL 15");
    expect(duringBackup).toBeGreaterThan(0);
    await context.close();
    await stopServer(site);
    site = undefined;

    // Into a new embedded data folder; a second restore there is refused.
    const embeddedDir = path.join(work, "restored-embedded");
    const restored = await runOps("restore", backupDir, { PINHOLE_DATA_DIR: embeddedDir });
    expect(restored.code, restored.stderr).toBe(0);
    const again = await runOps("restore", backupDir, { PINHOLE_DATA_DIR: embeddedDir });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(
      /^pinhole restore: .*postgres is not empty: restore into a new, empty data folder/,
    );
    const target = await embeddedDatabase(embeddedDir);
    try {
      await checkRestoredSite(
        browser,
        { DATABASE_URL: target.url, PINHOLE_DATA_DIR: embeddedDir },
        state,
        sourceDir,
      );
    } finally {
      await target.stop();
    }

    // Into an empty database on the machine's PostgreSQL (15, like the backup).
    if (!machine) {
      test.info().annotations.push({
        type: "skipped",
        description: `no PostgreSQL at ${MACHINE_POSTGRES} (E2E_MACHINE_POSTGRES_URL): the restore into it was not tried`,
      });
      return;
    }
    const scratch = await createDatabaseOn(MACHINE_POSTGRES);
    const externalDir = path.join(work, "restored-external");
    try {
      const settings = { DATABASE_URL: scratch.url, PINHOLE_DATA_DIR: externalDir };
      const intoExternal = await runOps("restore", backupDir, settings);
      expect(intoExternal.code, intoExternal.stderr).toBe(0);
      const refused = await runOps("restore", backupDir, {
        ...settings,
        PINHOLE_DATA_DIR: path.join(work, "x"),
      });
      expect(refused.stderr.trim()).toMatch(/^pinhole restore: The database at DATABASE_URL is not empty/);
      await checkRestoredSite(browser, settings, state, sourceDir);
    } finally {
      await scratch.drop();
    }
  } finally {
    if (site) await stopServer(site);
    await db.end();
    await source.stop();
    await rm(work, { recursive: true, force: true });
  }
});

/** Starts the site on the restored database and files, and finds everything the backup held. */
async function checkRestoredSite(
  browser: Browser,
  settings: { DATABASE_URL: string; PINHOLE_DATA_DIR: string },
  state: SiteState,
  sourceDir: string,
): Promise<void> {
  const db = new pg.Pool({ connectionString: settings.DATABASE_URL, max: 2 });
  const site = await startServer(PORT, { ...settings, MIGRATE_ON_START: "true" });
  try {
    const { rows } = await db.query<{ id: string; original_key: string; sha256: string }>(
      "SELECT id, original_key, sha256 FROM photos WHERE owner_id = $1 ORDER BY id",
      [state.owner.id],
    );
    // Every photo from before the backup (uploads during it may or may not be in its snapshot).
    for (const photo of state.photos) expect(rows).toContainEqual(photo);
    // Each restored photo's original is there, byte for byte the one uploaded.
    for (const photo of rows) {
      const restored = await readFile(path.join(settings.PINHOLE_DATA_DIR, "media", photo.original_key));
      expect(restored.equals(await readFile(path.join(sourceDir, "media", photo.original_key)))).toBe(true);
    }
    const grants = await db.query<{ id: string }>("SELECT id FROM access_grants WHERE user_id = $1", [
      state.friend.id,
    ]);
    expect(grants.rows.map((r) => r.id)).toEqual(state.grants);

    // The album and the commented photo, as anyone sees them.
    const albumPage = await fetch(`${site.baseURL}/albums/${state.album}`);
    expect(albumPage.status).toBe(200);
    expect(await albumPage.text()).toContain("Lisbon, spring");
    const photoPage = await fetch(
      `${site.baseURL}/photos/${state.photos.find((p) => p.id !== state.privatePhoto)!.id}`,
    );
    expect(photoPage.status).toBe(200);
    const html = await photoPage.text();
    expect(html).toContain("Tram 28");
    expect(html).toContain(state.comment);
    // The grant: the friend sees the private photo (signing in with the restored password), a stranger does not.
    expect((await fetch(`${site.baseURL}/photos/${state.privatePhoto}`)).status).toBe(404);
    const friend = await signedIn(browser, site.baseURL, state.friend);
    const granted = await friend.request.get(`/photos/${state.privatePhoto}`);
    expect(granted.status()).toBe(200);
    expect(await granted.text()).toContain("Just for Ana");
    await friend.close();
  } finally {
    await stopServer(site);
    await db.end();
  }
}
