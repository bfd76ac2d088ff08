import "server-only";
import { brandError, hasBrand } from "@/server/errors/branded";
import type { Redis } from "ioredis";
import {
  type CacheSize,
  oldestKeys,
  registerCache,
  type SheddableCache,
} from "@/server/memory/cache-registry";
import { redis } from "./redis";

/**
 * A small key-value cache with expiry, for bytes and JSON: this process's memory by default, Redis
 * (shared by every app server) when REDIS_URL is set. Keys and their rules live in ./keys.ts.
 *
 * A backend that cannot answer throws `CacheUnavailableError`: what that means is each caller's
 * declared rule (fail open to the source, or fail closed), never decided here. A miss is `null`.
 */
export interface Kv {
  readonly backend: "memory" | "redis";
  getBytes(key: string): Promise<Buffer | null>;
  setBytes(key: string, value: Buffer, ttlSeconds: number): Promise<void>;
  getJson<T>(key: string): Promise<T | null>;
  setJson(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
}

const CACHE_UNAVAILABLE = Symbol.for("pinhole.CacheUnavailableError");

export class CacheUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the cache is unavailable", { cause });
    this.name = "CacheUnavailableError";
    brandError(this, CACHE_UNAVAILABLE);
  }

  // Whichever copy of this module threw it (src/server/errors/branded.ts).
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, CacheUnavailableError, value, CACHE_UNAVAILABLE);
  }
}

interface MemoryEntry {
  value: Buffer | string;
  bytes: number;
  expiresAt: number;
}

/**
 * In this process's memory, least recently used first out once `maxBytes` is reached (values count
 * by their length: a bound on what the cache holds, not on the heap's overhead around it).
 */
export class MemoryKv implements Kv, SheddableCache {
  readonly backend = "memory";
  private entries = new Map<string, MemoryEntry>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async getBytes(key: string): Promise<Buffer | null> {
    const value = this.read(key);
    return Buffer.isBuffer(value) ? value : null;
  }

  async setBytes(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    this.write(key, value, value.length, ttlSeconds);
  }

  async getJson<T>(key: string): Promise<T | null> {
    const value = this.read(key);
    return typeof value === "string" ? (JSON.parse(value) as T) : null;
  }

  async setJson(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    // Kept as text: a caller mutating what it got back cannot change what the next caller gets.
    const text = JSON.stringify(value);
    this.write(key, text, Buffer.byteLength(text), ttlSeconds);
  }

  async del(key: string): Promise<void> {
    this.drop(key);
  }

  /** Synchronous read for the hottest paths (no promise per hit). */
  peekBytes(key: string): Buffer | null {
    const value = this.read(key);
    return Buffer.isBuffer(value) ? value : null;
  }

  size(): CacheSize {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Drops the least recently used `fraction` of the entries (heap pressure: src/server/memory). */
  shed(fraction: number): CacheSize {
    const before = this.size();
    for (const key of oldestKeys(this.entries, fraction)) this.drop(key);
    return { entries: before.entries - this.entries.size, bytes: before.bytes - this.bytes };
  }

  private read(key: string): Buffer | string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.drop(key);
      return null;
    }
    // Most recently used goes to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  private write(key: string, value: Buffer | string, bytes: number, ttlSeconds: number) {
    this.drop(key);
    if (bytes > this.maxBytes || ttlSeconds <= 0) return;
    this.entries.set(key, { value, bytes, expiresAt: Date.now() + ttlSeconds * 1000 });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  private drop(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * In Redis. The connection (./redis.ts) fails fast while Redis is down (no offline queue), so a caller
 * falls back at once instead of waiting, and ioredis reconnects by itself: nothing to restart.
 */
export class RedisKv implements Kv {
  readonly backend = "redis";

  constructor(
    private readonly client: Redis,
    private readonly prefix = "pinhole:",
    // A Redis that is up but not answering (paused, swapping) must not hold requests: past this, the
    // caller's fallback applies as if it were down.
    private readonly timeoutMs = 250,
  ) {}

  async getBytes(key: string): Promise<Buffer | null> {
    return this.call(() => this.client.getBuffer(this.prefix + key));
  }

  async setBytes(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    await this.call(() => this.client.set(this.prefix + key, value, "EX", ttlSeconds));
  }

  async getJson<T>(key: string): Promise<T | null> {
    const text = await this.call(() => this.client.get(this.prefix + key));
    return text === null ? null : (JSON.parse(text) as T);
  }

  async setJson(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.call(() => this.client.set(this.prefix + key, JSON.stringify(value), "EX", ttlSeconds));
  }

  async del(key: string): Promise<void> {
    await this.call(() => this.client.del(this.prefix + key));
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([command(), timeout]);
    } catch (error) {
      throw new CacheUnavailableError(error);
    } finally {
      clearTimeout(timer);
    }
  }
}

const globalForKv = globalThis as unknown as { pinholeKv?: Kv };

/**
 * The in-memory store's bound. Its JSON values are JavaScript strings, on V8's heap: this counts
 * against PINHOLE_HEAP_MB (the arithmetic is in src/env.ts, beside the defaults).
 */
export const MEMORY_KV_MAX_BYTES = 16 * 1024 * 1024;

/** The shared cache: Redis when REDIS_URL is set, this process's memory otherwise. */
export function kv(): Kv {
  if (!globalForKv.pinholeKv) {
    const client = redis();
    if (client) globalForKv.pinholeKv = new RedisKv(client);
    else {
      const memory = new MemoryKv(MEMORY_KV_MAX_BYTES);
      registerCache("kv", memory);
      globalForKv.pinholeKv = memory;
    }
  }
  return globalForKv.pinholeKv;
}
