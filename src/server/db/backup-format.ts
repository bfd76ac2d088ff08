import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { Env } from "@/env";
import { StartupError } from "./errors";

// What `npm run backup` writes into its folder, and `npm run restore` reads back.
export const MANIFEST_FILE = "manifest.json";
export const DUMP_FILE = "database.pgdump";
export const FILES_DIR = "files";
const FORMAT = "pinhole-backup/1";

export interface BackedUpObject {
  key: string;
  size: number;
  sha256: string;
  contentType?: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  database: { file: string; sha256: string; serverMajor: number };
  storage: {
    driver: "local" | "s3" | "uploadthing";
    /** true: the objects' bytes are under files/ (local disk); false: only their keys and hashes. */
    copied: boolean;
    objects: BackedUpObject[];
  };
}

export function newManifest(fields: Omit<BackupManifest, "format">): BackupManifest {
  return { format: FORMAT, ...fields };
}

export function parseManifest(text: string, dir: string): BackupManifest {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    throw new StartupError(`${dir}/${MANIFEST_FILE} is not valid JSON: not a Pinhole backup`);
  }
  if (manifest.format !== FORMAT || !manifest.database || !manifest.storage) {
    throw new StartupError(`${dir}/${MANIFEST_FILE} is not a ${FORMAT} manifest`);
  }
  return manifest as BackupManifest;
}

/** sha256 (hex) of a stream's bytes, consuming it. */
export async function sha256Of(body: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export const sha256OfFile = (file: string) => sha256Of(createReadStream(file));

/** Fails unless `dir` is missing or empty: a backup never mixes with, or overwrites, another. */
export async function requireEmptyFolder(dir: string, what: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (entries.length > 0) throw new StartupError(`${dir} is not empty: ${what}`);
}

/**
 * The URL the PostgreSQL tools use for an external database: DIRECT_DATABASE_URL past a transaction
 * pooler (pg_dump and pg_restore set session state a pooler does not keep), else DATABASE_URL.
 */
export function externalDatabase(config: Env): { url: string; setting: string } | undefined {
  if (config.DIRECT_DATABASE_URL) return { url: config.DIRECT_DATABASE_URL, setting: "DIRECT_DATABASE_URL" };
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, setting: "DATABASE_URL" };
  return undefined;
}
