import "server-only";
import { createReadStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/env";
import { createStorage, storageConfigFromEnv, type ObjectStorage } from "@/server/storage/storage";
import {
  externalDatabase,
  FILES_DIR,
  MANIFEST_FILE,
  parseManifest,
  requireEmptyFolder,
  sha256Of,
  sha256OfFile,
  type BackupManifest,
} from "./backup-format";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { StartupError, withClient } from "./errors";
import { migrate } from "./migrate";
import { findPgTool, runPgTool, serverMajor, toolConnection } from "./pg-tools";

/**
 * Brings an empty database (DATABASE_URL, or a new embedded one in PINHOLE_DATA_DIR) and an empty
 * store back to the state a backup recorded. Everything is checked before anything is written (the
 * backup's checksums, the targets empty, the tools there), so a refusal leaves nothing behind; the
 * dump is restored in one transaction; each copied file is read back and checked.
 */
export async function restoreBackup(config: Env, dir: string, log: (line: string) => void): Promise<void> {
  const root = path.resolve(dir);
  const manifestText = await readFile(path.join(root, MANIFEST_FILE), "utf8").catch(() => {
    throw new StartupError(
      `${root} has no ${MANIFEST_FILE}: not a Pinhole backup, or one that did not finish (npm run backup)`,
    );
  });
  const manifest = parseManifest(manifestText, root);
  const dumpFile = path.join(root, manifest.database.file);
  if ((await sha256OfFile(dumpFile).catch(() => "")) !== manifest.database.sha256) {
    throw new StartupError(`${dumpFile} is missing or does not match its sha256 in the manifest`);
  }
  await checkBackedUpFiles(root, manifest);

  const external = externalDatabase(config);
  let embedded: EmbeddedDatabase | undefined;
  if (external) {
    await requireEmptyDatabase(external.url, external.setting);
  } else {
    await requireEmptyFolder(
      path.resolve(config.PINHOLE_DATA_DIR, "postgres"),
      "restore into a new, empty data folder (PINHOLE_DATA_DIR)",
    );
  }
  const store = createStorage(storageConfigFromEnv(config));
  if (manifest.storage.copied) {
    for await (const { key } of store.list("")) {
      throw new StartupError(
        `The ${store.driver} store is not empty (it holds ${key}): restore into an empty one (LOCAL_STORAGE_DIR or PINHOLE_DATA_DIR/media, or the bucket)`,
      );
    }
  } else {
    await checkBucket(store, manifest);
  }

  const url = external?.url ?? "";
  try {
    if (!external) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.PINHOLE_DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
      });
    }
    const target = embedded?.url ?? url;
    const major = await serverMajor(target, external?.setting ?? "PINHOLE_DATA_DIR");
    // pg_restore reads archives from its own major and older ones.
    if (major < manifest.database.serverMajor) {
      throw new StartupError(
        `The backup is of PostgreSQL ${manifest.database.serverMajor}; the target runs ${major}: restore into PostgreSQL ${manifest.database.serverMajor} or newer`,
      );
    }
    const pgRestore = findPgTool("pg_restore", major);
    const { dbname, env } = toolConnection(target);
    // Roles and grants belong to the old server: the restoring role owns everything.
    await runPgTool(
      pgRestore,
      ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", "--dbname", dbname, dumpFile],
      env,
    );
    log(`database restored from ${manifest.database.file}`);
    // The database's own settings (JIT off) and any migration newer than the backup.
    const migrations = await migrate(target, undefined, external?.setting ?? "PINHOLE_DATA_DIR");
    if (migrations.applied.length) log(`applied migrations: ${migrations.applied.join(", ")}`);
  } catch (error) {
    // A failed restore into a new data folder leaves no half-made database behind.
    if (embedded) {
      await embedded.stop().catch(() => undefined);
      await rm(embedded.dataDir, { recursive: true, force: true });
      embedded = undefined;
    }
    throw error;
  } finally {
    await embedded?.stop();
  }

  if (manifest.storage.copied) {
    for (const object of manifest.storage.objects) {
      await store.put(object.key, createReadStream(path.join(root, FILES_DIR, object.key)), {
        contentType: object.contentType ?? "application/octet-stream",
      });
      const written = await store.get(object.key);
      if (!written || (await sha256Of(written.body)) !== object.sha256) {
        throw new StartupError(`${object.key} did not read back as it was backed up (sha256 differs)`);
      }
    }
    log(`${manifest.storage.objects.length} files restored to the ${store.driver} store and verified`);
  } else {
    log(`${manifest.storage.objects.length} objects in ${store.driver} match the backup's sha256`);
  }
}

async function checkBackedUpFiles(root: string, manifest: BackupManifest): Promise<void> {
  if (!manifest.storage.copied) return;
  for (const object of manifest.storage.objects) {
    const file = path.join(root, FILES_DIR, object.key);
    if ((await sha256OfFile(file).catch(() => "")) !== object.sha256) {
      throw new StartupError(`${file} is missing or does not match its sha256 in the manifest`);
    }
  }
}

/** S3/UploadThing: the bucket keeps the bytes; restore checks it still holds each one, unchanged. */
async function checkBucket(store: ObjectStorage, manifest: BackupManifest): Promise<void> {
  const bad: string[] = [];
  for (const object of manifest.storage.objects) {
    const found = await store.get(object.key);
    if (!found || (await sha256Of(found.body)) !== object.sha256) bad.push(object.key);
  }
  if (bad.length > 0) {
    throw new StartupError(
      `${bad.length} of the backup's ${manifest.storage.objects.length} objects are missing from the ${store.driver} store or changed (first: ${bad[0]}): restore the bucket (its versioning or replica) first`,
    );
  }
}

async function requireEmptyDatabase(url: string, setting: string): Promise<void> {
  await withClient(url, setting, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_%'`,
    );
    if (rows[0]!.n > 0) {
      throw new StartupError(
        `The database at ${setting} is not empty (${rows[0]!.n} tables, indexes or sequences): restore into an empty database`,
      );
    }
  });
}
