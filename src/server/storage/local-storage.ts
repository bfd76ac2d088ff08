import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream, open as openCallback, type Dirent } from "node:fs";
import { mkdir, open, readdir, rename, rm, rmdir, stat, type FileHandle } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors/app-error";
import { contentTypeForKey } from "./content-type";
import { assertValidRange, putFailure, rangeNotSatisfiable, storeUnavailable, watchBody } from "./errors";
import { assertDeletablePrefix, assertSafeKey, assertSafePrefix } from "./keys";
import type { ObjectStorage, StoredObject } from "./storage";

export interface LocalStorageConfig {
  driver: "local";
  /** Absolute folder holding the key tree. Created on the first write. */
  root: string;
}

// `.<name>.tmp-<hex>` beside the final file: same filesystem, so the rename is atomic. Keys can never
// start a segment with a dot (assertSafeKey), so these never collide with or show up as objects.
const TEMP_FILE = /^\..+\.tmp-[0-9a-f]{16}$/;
// A plain descriptor, not a FileHandle: a WriteStream given a FileHandle it does not close keeps it busy.
const openFd = promisify(openCallback);

/**
 * Files under one folder. A put writes a temp file, fsyncs it, renames it into place and fsyncs the
 * folder, so a reader or a crash sees the old object or the whole new one, never part of it.
 */
export class LocalStorage implements ObjectStorage {
  readonly driver = "local";
  private readonly root: string;

  constructor(config: LocalStorageConfig) {
    this.root = path.resolve(config.root);
  }

  async put(
    key: string,
    body: Readable | Buffer,
    opts: { contentType: string; signal?: AbortSignal },
  ): Promise<{ size: number }> {
    const file = this.pathFor(key);
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const watched = watchBody(source);
    const dir = path.dirname(file);
    const temp = path.join(dir, `.${path.basename(file)}.tmp-${randomBytes(8).toString("hex")}`);
    let renamed = false;
    try {
      opts.signal?.throwIfAborted();
      const newDirs = await this.makeDirs(dir);
      const fd = await this.openTemp(temp, dir);
      // flush: the stream fsyncs the file before closing it, and pipeline resolves only after that.
      // pipeline keeps memory bounded (backpressure) and destroys the body on error or abort.
      const out = createWriteStream(temp, { fd, flush: true });
      await pipeline(source, out, { signal: opts.signal });
      await rename(temp, file);
      renamed = true;
      await Promise.all([dir, ...newDirs].map(fsyncDir));
      return { size: out.bytesWritten };
    } catch (error) {
      source.destroy();
      // Best effort: whatever a failed cleanup leaves is a temp file, which sweepTempFiles removes. A
      // rejected put leaves nothing under the key, even when only the folder's fsync failed.
      await rm(renamed ? file : temp, { force: true }).catch(() => undefined);
      throw putFailure(this.driver, key, error, { signal: opts.signal, body: watched });
    }
  }

  async get(key: string, opts?: { range?: { start: number; end: number } }): Promise<StoredObject | null> {
    const file = this.pathFor(key);
    assertValidRange(opts?.range);
    // Open first, then stat the open file: a concurrent put renames a new file into place, and this
    // read keeps streaming the version whose size it reported.
    let fh: FileHandle;
    try {
      fh = await open(file, "r");
    } catch (error) {
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR") || isCode(error, "EISDIR")) return null;
      throw storeUnavailable(this.driver, "get", key, error);
    }
    try {
      const info = await fh.stat();
      if (!info.isFile()) {
        await fh.close();
        return null;
      }
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const contentType = contentTypeForKey(key);
      const range = opts?.range;
      if (range && range.start >= info.size) throw rangeNotSatisfiable(key, range.start, info.size);
      const start = range?.start ?? 0;
      const end = range ? Math.min(range.end, info.size - 1) : info.size - 1;
      if (end < start) {
        // An empty object: a file stream cannot express zero bytes.
        await fh.close();
        return { body: Readable.from([]), size: 0, totalSize: 0, contentType, etag };
      }
      // The stream owns the handle from here and closes it when it ends or is destroyed.
      const body = fh.createReadStream({ start, end });
      return { body, size: end - start + 1, totalSize: info.size, contentType, etag };
    } catch (error) {
      await fh.close();
      throw error instanceof AppError ? error : storeUnavailable(this.driver, "get", key, error);
    }
  }

  async head(key: string): Promise<{ size: number; contentType?: string } | null> {
    const info = await this.statFile(this.pathFor(key), key, "head");
    return info ? { size: info.size, contentType: contentTypeForKey(key) } : null;
  }

  async delete(key: string): Promise<void> {
    const file = this.pathFor(key);
    try {
      await rm(file, { force: true });
    } catch (error) {
      throw storeUnavailable(this.driver, "delete", key, error);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertDeletablePrefix(prefix);
    let count = 0;
    for await (const entry of this.list(prefix)) {
      await this.delete(entry.key);
      count++;
    }
    await this.pruneEmptyDirs(folderOf(prefix));
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number; lastModified: Date }> {
    assertSafePrefix(prefix);
    // Start at the deepest folder the prefix names in full, then filter on the rest.
    for await (const { key, file } of this.walk(folderOf(prefix), false)) {
      if (!key.startsWith(prefix)) continue;
      const info = await this.statFile(file, key, "list");
      if (info) yield { key, size: info.size, lastModified: info.mtime };
    }
  }

  async presignedGet(): Promise<string | null> {
    // Nothing can fetch the disk directly: the media route streams it.
    return null;
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      const probe = path.join(this.root, `.health.tmp-${randomBytes(8).toString("hex")}`);
      const fh = await open(probe, "wx");
      await fh.close();
      await rm(probe, { force: true });
    } catch (error) {
      throw storeUnavailable(this.driver, "check", this.root, error);
    }
  }

  async sweepTempFiles(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let count = 0;
    for await (const { file } of this.walk("", true)) {
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await rm(file, { force: true });
        count++;
      }
    }
    return count;
  }

  private pathFor(key: string): string {
    assertSafeKey(key);
    const file = path.resolve(this.root, key);
    // assertSafeKey already rules out escaping; this guards the guard.
    if (!file.startsWith(this.root + path.sep)) throw storeUnavailable(this.driver, "resolve", key, null);
    return file;
  }

  /** Creates `dir` and returns the folders whose entries changed (so they need an fsync too). */
  private async makeDirs(dir: string): Promise<string[]> {
    const first = await mkdir(dir, { recursive: true });
    if (!first) return [];
    const changed = [path.dirname(first)];
    for (let d = dir; d !== path.dirname(first); d = path.dirname(d)) changed.push(d);
    return changed.filter((d) => d !== dir);
  }

  /** Opens a fresh temp file; "wx" never follows or reuses anything already at that path. */
  private async openTemp(temp: string, dir: string): Promise<number> {
    try {
      return await openFd(temp, "wx", 0o644);
    } catch (error) {
      // deletePrefix may have pruned the just-created, still empty folder: make it again, once.
      if (!isCode(error, "ENOENT")) throw error;
      await mkdir(dir, { recursive: true });
      return await openFd(temp, "wx", 0o644);
    }
  }

  private async statFile(file: string, key: string, op: string) {
    try {
      const info = await stat(file);
      return info.isFile() ? info : null;
    } catch (error) {
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return null;
      throw storeUnavailable(this.driver, op, key, error);
    }
  }

  /** Objects (or, with `temps`, only temp files) under `relDir`, depth first in name order. */
  private async *walk(relDir: string, temps: boolean): AsyncGenerator<{ key: string; file: string }> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(this.root, relDir), { withFileTypes: true });
    } catch (error) {
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return;
      throw storeUnavailable(this.driver, "list", relDir, error);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith(".")) {
        yield* this.walk(key, temps);
      } else if (entry.isFile()) {
        const isTemp = TEMP_FILE.test(entry.name);
        if (temps ? isTemp : !entry.name.startsWith(".")) yield { key, file: path.join(this.root, key) };
      }
    }
  }

  /** Removes the empty folders under `relDir`, then `relDir` and its parents while empty (never the root). */
  private async pruneEmptyDirs(relDir: string): Promise<void> {
    const top = path.join(this.root, relDir);
    if (!(await removeEmptyTree(top, top !== this.root))) return;
    for (let d = path.dirname(top); d.startsWith(this.root + path.sep); d = path.dirname(d)) {
      if (!(await removeDirIfEmpty(d))) return;
    }
  }
}

/** The part of a prefix that names whole folders: "u1/a1/" → "u1/a1", "u1/a" → "u1", "u1" → "". */
function folderOf(prefix: string): string {
  const slash = prefix.lastIndexOf("/");
  return slash === -1 ? "" : prefix.slice(0, slash);
}

/** Depth first; returns whether `dir` itself is gone. */
async function removeEmptyTree(dir: string, removeSelf: boolean): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return isCode(error, "ENOENT");
  }
  for (const entry of entries) {
    if (entry.isDirectory()) await removeEmptyTree(path.join(dir, entry.name), true);
  }
  return removeSelf && (await removeDirIfEmpty(dir));
}

async function removeDirIfEmpty(dir: string): Promise<boolean> {
  try {
    await rmdir(dir);
    return true;
  } catch (error) {
    // Not empty (a put may just have made it): leave it. Gone already is as good as removed.
    return isCode(error, "ENOENT");
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; the rename itself has still happened.
    if (!isCode(error, "EISDIR") && !isCode(error, "EPERM") && !isCode(error, "EINVAL")) throw error;
  } finally {
    await fh?.close();
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
