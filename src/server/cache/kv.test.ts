import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { hasRedisServer, startRedis, stopRedis, waitFor } from "../../../test/support/redis-server";
import { CacheUnavailableError, type Kv, MemoryKv, RedisKv } from "./kv";

const REDIS_URL = process.env.REDIS_URL;
// A port of this suite's own: the machine's Redis on 6379 is never stopped.
const OWN_REDIS_PORT = 3271;

const unique = () => `test:${crypto.randomUUID()}`;

/** The behaviour both backends share. */
function sharedContract(make: () => Kv) {
  it("keeps bytes as they were (binary-safe), JSON as a copy, and forgets on del", async () => {
    const kv = make();
    const key = unique();
    const bytes = Buffer.from([0, 255, 10, 13, 0x52, 0x49, 0x46, 0x46]);
    await kv.setBytes(key, bytes, 60);
    expect(await kv.getBytes(key)).toEqual(bytes);
    await kv.del(key);
    expect(await kv.getBytes(key)).toBeNull();

    const value = { photo: "p1", widths: [50, 320] };
    await kv.setJson(key, value, 60);
    const got = await kv.getJson<typeof value>(key);
    expect(got).toEqual(value);
    got!.widths.push(9);
    expect(await kv.getJson(key)).toEqual(value);
    expect(await kv.getJson(unique())).toBeNull();
  });
}

describe("MemoryKv", () => {
  afterEach(() => vi.useRealTimers());
  sharedContract(() => new MemoryKv());

  it("drops an entry once its time is up", async () => {
    vi.useFakeTimers();
    const kv = new MemoryKv();
    await kv.setBytes("a", Buffer.from("x"), 10);
    vi.advanceTimersByTime(9_000);
    expect(kv.peekBytes("a")).toEqual(Buffer.from("x"));
    vi.advanceTimersByTime(2_000);
    expect(kv.peekBytes("a")).toBeNull();
    expect(kv.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it("stays within its bound, least recently used out first; too big is not kept at all", async () => {
    const kv = new MemoryKv(10);
    await kv.setBytes("a", Buffer.alloc(4), 60);
    await kv.setBytes("b", Buffer.alloc(4), 60);
    kv.peekBytes("a"); // a is now the most recent
    await kv.setBytes("c", Buffer.alloc(4), 60);
    expect(kv.peekBytes("b")).toBeNull();
    expect(kv.peekBytes("a")).not.toBeNull();
    expect(kv.peekBytes("c")).not.toBeNull();
    expect(kv.size().bytes).toBe(8);
    await kv.setBytes("huge", Buffer.alloc(11), 60);
    expect(kv.peekBytes("huge")).toBeNull();
    expect(kv.size().bytes).toBe(8);
  });

  it("sheds the least recently used part on demand (heap pressure), and says what it gave back", async () => {
    const kv = new MemoryKv();
    for (const key of ["a", "b", "c", "d"]) await kv.setBytes(key, Buffer.alloc(100), 60);
    kv.peekBytes("a"); // a is now the most recent
    expect(kv.shed(0.5)).toEqual({ entries: 2, bytes: 200 });
    expect(["a", "b", "c", "d"].filter((key) => kv.peekBytes(key))).toEqual(["a", "d"]);
    expect(kv.shed(1)).toEqual({ entries: 2, bytes: 200 });
    expect(kv.size()).toEqual({ entries: 0, bytes: 0 });
  });
});

describe.skipIf(!REDIS_URL)("RedisKv (skipped: REDIS_URL is not set)", () => {
  const client = new Redis(REDIS_URL ?? "redis://unset", { lazyConnect: true });
  afterAll(() => client.disconnect());
  sharedContract(() => new RedisKv(client, "pinhole:test:"));

  it("sets the expiry in Redis", async () => {
    const kv = new RedisKv(client, "pinhole:test:");
    const key = unique();
    await kv.setBytes(key, Buffer.from("x"), 60);
    const ttl = await client.ttl(`pinhole:test:${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});

describe.skipIf(!REDIS_URL || !hasRedisServer)(
  "RedisKv while Redis stops and starts (skipped: needs REDIS_URL and redis-server)",
  () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pinhole-kv-redis-"));
    let server: ChildProcess | undefined;
    afterAll(async () => {
      await stopRedis(server);
      rmSync(dir, { recursive: true, force: true });
    });

    it("throws CacheUnavailableError while down, and works again once Redis is back, by itself", async () => {
      server = await startRedis(OWN_REDIS_PORT, dir);
      // The app's own connection settings (src/server/cache/redis.ts): no offline queue.
      const client = new Redis(`redis://127.0.0.1:${OWN_REDIS_PORT}`, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 2_000,
        retryStrategy: () => 100,
      });
      client.on("error", () => undefined);
      const kv = new RedisKv(client);
      try {
        await waitFor(
          async () =>
            (await kv
              .getBytes("k")
              .then(() => true)
              .catch(() => false)) === true,
        );
        await kv.setBytes("k", Buffer.from("v"), 60);

        await stopRedis(server);
        await expect(kv.getBytes("k")).rejects.toBeInstanceOf(CacheUnavailableError);
        await expect(kv.setBytes("k", Buffer.from("w"), 60)).rejects.toBeInstanceOf(CacheUnavailableError);

        server = await startRedis(OWN_REDIS_PORT, dir);
        // The same client, never told anything: it reconnects on its own.
        await waitFor(
          async () =>
            (await kv
              .getBytes("k")
              .then(() => true)
              .catch(() => false)) === true,
        );
        await kv.setBytes("k", Buffer.from("back"), 60);
        expect(await kv.getBytes("k")).toEqual(Buffer.from("back"));
      } finally {
        client.disconnect();
      }
    });
  },
);
