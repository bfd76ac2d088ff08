import "server-only";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Env } from "@/env";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { migrate, migrationTarget, type MigrateResult } from "./migrate";

export interface PreparedDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
  migrations: MigrateResult;
}

/** The database the app will use: DATABASE_URL, or the embedded one; migrated either way. */
export async function prepareDatabase(config: Env): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.PINHOLE_DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
    });
    url = embedded.url;
  }
  try {
    // Past a transaction pooler, DIRECT_DATABASE_URL (when set) reaches the database itself.
    const target = embedded ? { url, setting: "DATABASE_URL" } : migrationTarget(config);
    const migrations = await migrate(target.url, undefined, target.setting);
    return { url, embedded, migrations };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Session cookies are signed with AUTH_SECRET. A laptop install should not need one configured, so it
 * is generated once and kept beside the data; several instances must share a configured one.
 */
export async function ensureAuthSecret(config: Env): Promise<string> {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.resolve(config.PINHOLE_DATA_DIR, "auth-secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: generate below
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}
