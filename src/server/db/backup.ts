import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Env } from "@/env";
import { createStorage, storageConfigFromEnv, type ObjectStorage } from "@/server/storage/storage";
import {
  DUMP_FILE,
  externalDatabase,
  FILES_DIR,
  MANIFEST_FILE,
  newManifest,
  requireEmptyFolder,
  sha256Of,
  sha256OfFile,
  type BackedUpObject,
  type BackupManifest,
} from "./backup-format";
import { openEmbeddedPostgres } from "./embedded";
import { findPgTool, runPgTool, serverMajor, toolConnection } from "./pg-tools";

/**
 * Writes a restorable backup of the site into `dir` (missing or empty) while the site keeps running:
 * 1. the database, `pg_dump -Fc` of the server's own major: one consistent snapshot, however many
 *    uploads commit meanwhile;
 * 2. then the stored objects: copied with their sha256 (local disk), or their keys and sha256 only
 *    (S3, UploadThing: the bucket keeps the bytes). After the dump, because an upload writes its
 *    file before it commits its row and a variant's file exists before the job records it: every
 *    object the snapshot refers to is already there (objects newer than it come along, unused).
 * 3. manifest.json last: a folder without one is an unfinished backup, which restore refuses.
 */
export async function writeBackup(
  config: Env,
  dir: string,
  log: (line: string) => void,
): Promise<BackupManifest> {
  const root = path.resolve(dir);
  await requireEmptyFolder(root, "back up into a new or empty folder");
  const external = externalDatabase(config);
  const database = external
    ? { url: external.url, setting: external.setting, stop: async () => undefined }
    : {
        ...(await openEmbeddedPostgres({ dataDir: config.PINHOLE_DATA_DIR, port: config.EMBEDDED_PG_PORT })),
        setting: "PINHOLE_DATA_DIR",
      };
  try {
    const major = await serverMajor(database.url, database.setting);
    const pgDump = findPgTool("pg_dump", major);
    await mkdir(root, { recursive: true });
    const dumpFile = path.join(root, DUMP_FILE);
    const { dbname, env } = toolConnection(database.url);
    await runPgTool(pgDump, ["--format=custom", "--file", dumpFile, "--dbname", dbname], env);
    const dumpSha = await sha256OfFile(dumpFile);
    log(`database dumped (PostgreSQL ${major}, ${DUMP_FILE})`);

    const store = createStorage(storageConfigFromEnv(config));
    const copied = store.driver === "local";
    const objects = await backUpObjects(store, copied ? path.join(root, FILES_DIR) : undefined);
    log(
      copied
        ? `${objects.length} stored files copied to ${FILES_DIR}/`
        : `${objects.length} objects in ${store.driver} listed with their sha256 (the bucket keeps the bytes)`,
    );

    const manifest = newManifest({
      createdAt: new Date().toISOString(),
      database: { file: DUMP_FILE, sha256: dumpSha, serverMajor: major },
      storage: { driver: store.driver, copied, objects },
    });
    const temp = path.join(root, `.${MANIFEST_FILE}.tmp`);
    await writeFile(temp, JSON.stringify(manifest, null, 2) + "\n");
    await rename(temp, path.join(root, MANIFEST_FILE));
    return manifest;
  } finally {
    await database.stop();
  }
}

/** Every object in the store with its sha256, copied under `into` when given. */
async function backUpObjects(store: ObjectStorage, into: string | undefined): Promise<BackedUpObject[]> {
  const objects: BackedUpObject[] = [];
  for await (const { key } of store.list("")) {
    const object = await store.get(key);
    // Deleted since it was listed (its photo deleted after the dump): the dump may still name it,
    // as it would name any photo deleted a moment after a backup.
    if (!object) continue;
    let sha256: string;
    if (into) {
      const file = path.join(into, key);
      await mkdir(path.dirname(file), { recursive: true });
      const hash = createHash("sha256");
      await pipeline(
        object.body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(file),
      );
      sha256 = hash.digest("hex");
    } else {
      sha256 = await sha256Of(object.body);
    }
    objects.push({ key, size: object.size, sha256, contentType: object.contentType });
  }
  return objects;
}
