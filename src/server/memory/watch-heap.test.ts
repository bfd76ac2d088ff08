import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { MemoryKv } from "../cache/kv";
import { newUser, openPool } from "../data/albums/album-fixtures";
import { metrics } from "../metrics/registry";
import { cacheSizes, registerCache } from "./cache-registry";
import { createHeapWatch, type HeapReading } from "./watch-heap";

// The page cache handler borrows the process's pool (src/server/db/pool.ts), as in the server.
process.env.DATABASE_URL = testDatabaseUrl();
const { default: PageCacheHandler } = await import("../cache/page-cache-handler.mjs");
const { closePgPool, pgPool } = await import("@/server/db/pool");
pgPool();
afterAll(() => closePgPool());

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const MiB = 1024 * 1024;

async function counterValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics().registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as { value: number; labels: Record<string, string | number> }[];
  return values
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describe("shedding the in-process caches under heap pressure", () => {
  it("halves every cache above 80 %, empties them above 90 %, and counts one episode until the heap is calm", async () => {
    // Three caches as the server has them: pages (the handler Next loads by path, registered through
    // globalThis), thumbnails' bytes and the kv's JSON (MemoryKv, registered by name).
    const media = new MemoryKv(64 * MiB);
    const feed = new MemoryKv(64 * MiB);
    registerCache("media", media);
    registerCache("kv", feed);
    for (let i = 0; i < 40; i++) {
      await media.setBytes(`media:${i}`, Buffer.alloc(16 * 1024, i), 3600);
      await feed.setJson(
        `feed:${i}`,
        { page: i, photos: Array.from({ length: 60 }, (_, j) => `p${j}`) },
        600,
      );
    }
    const owner = await newUser(pool);
    const pages = new PageCacheHandler();
    for (let i = 0; i < 10; i++) {
      const key = `/anonymous/people/${owner.handle}/${i}`;
      await pages.get(key);
      await pages.set(key, { kind: "APP_PAGE", html: `<p>${i}</p>`.repeat(5000), status: 200 });
    }
    // The oldest entries go first: the most recently used page must survive a halving.
    const recent = `/anonymous/people/${owner.handle}/0`;
    expect(await pages.get(recent)).not.toBeNull();
    expect(cacheSizes().get("page")?.entries).toBe(10);

    let heap: HeapReading = { used: 50 * MiB, limit: 100 * MiB };
    let clock = 0;
    const watch = createHeapWatch({ read: () => heap, now: () => clock });
    const episodes = await counterValue("pinhole_heap_pressure_episodes_total");
    const shedMedia = await counterValue("pinhole_cache_shed_bytes_total", { cache: "media" });

    expect(watch.check()).toBe("calm");
    expect(media.size().entries).toBe(40);

    heap = { used: 85 * MiB, limit: 100 * MiB };
    expect(watch.check()).toBe("shed");
    expect(media.size().entries).toBe(20);
    expect(feed.size().entries).toBe(20);
    expect(cacheSizes().get("page")?.entries).toBe(5);
    expect(await pages.get(recent)).not.toBeNull();
    expect(await counterValue("pinhole_heap_pressure_episodes_total")).toBe(episodes + 1);
    expect(await counterValue("pinhole_cache_shed_bytes_total", { cache: "media" })).toBe(
      shedMedia + 20 * 16 * 1024,
    );

    // A shed shows only after the next collection: a reading right after it does not shed again.
    clock += 100;
    expect(watch.check()).toBe("waiting");
    expect(media.size().entries).toBe(20);

    heap = { used: 95 * MiB, limit: 100 * MiB };
    clock += 2_000;
    expect(watch.check()).toBe("shed");
    for (const [name, size] of cacheSizes())
      if (["media", "kv", "page"].includes(name)) expect(size, name).toEqual({ entries: 0, bytes: 0 });

    // Still under pressure between 70 and 80 %: the same episode; calm below 70 % ends it.
    heap = { used: 75 * MiB, limit: 100 * MiB };
    clock += 2_000;
    expect(watch.check()).toBe("calm");
    heap = { used: 60 * MiB, limit: 100 * MiB };
    expect(watch.check()).toBe("calm");
    expect(await counterValue("pinhole_heap_pressure_episodes_total")).toBe(episodes + 1);

    // The next episode counts again, and the caches work as before in between.
    await media.setBytes("media:again", Buffer.alloc(1024), 3600);
    heap = { used: 81 * MiB, limit: 100 * MiB };
    clock += 2_000;
    expect(watch.check()).toBe("shed");
    expect(media.size().entries).toBe(0);
    expect(await counterValue("pinhole_heap_pressure_episodes_total")).toBe(episodes + 2);
  });
});
