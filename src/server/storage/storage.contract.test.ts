// The contract every driver keeps, run against real disk and against a real S3 protocol server
// (s3rver, in a child process). UploadThing's cloud is out of reach here: see uploadthing-storage.test.ts.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server } from "../../../test/support/s3-server";
import { AppError } from "@/server/errors/app-error";
import { S3Storage } from "./s3-storage";
import { createStorage, type ObjectStorage } from "./storage";
import { liveBytes, MiB, sha256Of, streamedBody, textOf } from "./test-helpers";

interface Harness {
  store: ObjectStorage;
  /** Names starting with "." anywhere under the local root (temp files); [] for S3. */
  hiddenFiles(): Promise<string[]>;
  close(): Promise<void>;
}

const drivers: [string, () => Promise<Harness>][] = [
  [
    "local",
    async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), "pinhole-media-"));
      return {
        store: createStorage({ driver: "local", root }),
        hiddenFiles: async () =>
          (await readdir(root, { recursive: true })).filter((p) => path.basename(p).startsWith(".")),
        close: () => rm(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    "s3",
    async () => {
      const server = await startS3Server();
      const store = createStorage({
        driver: "s3",
        bucket: server.bucket,
        region: server.region,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: server.credentials,
      });
      return {
        store,
        hiddenFiles: async () => [],
        close: async () => {
          if (store instanceof S3Storage) store.destroy();
          await server.stop();
        },
      };
    },
  ],
];

describe.each(drivers)("%s storage", (_name, makeHarness) => {
  let h: Harness;
  // Each test writes under its own prefix, so tests never see each other's objects.
  const prefix = () => `u${randomBytes(4).toString("hex")}/`;

  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function keysUnder(p: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const entry of h.store.list(p)) keys.push(entry.key);
    return keys.sort();
  }

  it("puts, gets, heads and deletes an object", async () => {
    const key = `${prefix()}a1/original/p1.jpg`;
    expect(await h.store.put(key, Buffer.from("hello, pinhole"), { contentType: "image/jpeg" })).toEqual({
      size: 14,
    });

    const got = await h.store.get(key);
    expect(got).not.toBeNull();
    expect(got?.size).toBe(14);
    expect(got?.totalSize).toBe(14);
    expect(got?.contentType).toBe("image/jpeg");
    expect(got?.etag).toBeTruthy();
    expect(await textOf(got!.body)).toBe("hello, pinhole");
    expect(await h.store.head(key)).toEqual({ size: 14, contentType: "image/jpeg" });

    await h.store.delete(key);
    expect(await h.store.get(key)).toBeNull();
    expect(await h.store.head(key)).toBeNull();
    // Deleting again (a retried job) is fine.
    await expect(h.store.delete(key)).resolves.toBeUndefined();
  });

  it("stores an empty object", async () => {
    const key = `${prefix()}a1/w50/empty.webp`;
    expect(await h.store.put(key, Buffer.alloc(0), { contentType: "image/webp" })).toEqual({ size: 0 });
    const got = await h.store.get(key);
    expect(got?.size).toBe(0);
    expect(await textOf(got!.body)).toBe("");
    expect(await h.store.head(key)).toMatchObject({ size: 0 });
  });

  it("replaces an object written again under the same key", async () => {
    const key = `${prefix()}default/w400/p1.webp`;
    await h.store.put(key, Buffer.from("first version"), { contentType: "image/webp" });
    await h.store.put(key, Buffer.from("second"), { contentType: "image/webp" });
    const got = await h.store.get(key);
    expect(await textOf(got!.body)).toBe("second");
    expect(await keysUnder(key)).toEqual([key]);
  });

  it("reads byte ranges (inclusive end, clamped to the object) and refuses one past the end", async () => {
    const key = `${prefix()}a1/original/p1.png`;
    await h.store.put(key, Buffer.from("0123456789"), { contentType: "image/png" });

    const middle = await h.store.get(key, { range: { start: 2, end: 5 } });
    expect(middle?.size).toBe(4);
    expect(middle?.totalSize).toBe(10);
    expect(await textOf(middle!.body)).toBe("2345");

    const tail = await h.store.get(key, { range: { start: 7, end: 1000 } });
    expect(tail?.size).toBe(3);
    expect(await textOf(tail!.body)).toBe("789");

    const past = h.store.get(key, { range: { start: 10, end: 20 } });
    await expect(past).rejects.toBeInstanceOf(AppError);
    await expect(past).rejects.toMatchObject({ code: "bad_request" });
    await expect(h.store.get(key, { range: { start: 5, end: 4 } })).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await h.store.get(`${prefix()}missing.png`, { range: { start: 0, end: 1 } })).toBeNull();
  });

  it("lists and deletes by prefix", async () => {
    const p = prefix();
    const keys = [
      `${p}a1/original/p1.jpg`,
      `${p}a1/w400/p1.webp`,
      `${p}a1/w800/p1.webp`,
      `${p}a2/original/p2.jpg`,
      `${p}default/original/p3.jpg`,
    ];
    const before = Date.now() - 60_000;
    for (const key of keys) await h.store.put(key, Buffer.from(key), { contentType: "image/jpeg" });

    const listed = [];
    for await (const entry of h.store.list(`${p}a1/`)) listed.push(entry);
    expect(listed.map((e) => e.key).sort()).toEqual(keys.slice(0, 3));
    for (const entry of listed) {
      expect(entry.size).toBe(entry.key.length);
      expect(entry.lastModified).toBeInstanceOf(Date);
      expect(entry.lastModified.getTime()).toBeGreaterThan(before);
    }
    // A prefix need not end at a folder boundary.
    expect(await keysUnder(`${p}a`)).toEqual(keys.slice(0, 4));

    expect(await h.store.deletePrefix(`${p}a1/`)).toBe(3);
    expect(await keysUnder(`${p}a1/`)).toEqual([]);
    expect(await keysUnder(p)).toEqual(keys.slice(3));
    expect(await h.store.deletePrefix(`${p}nothing-here/`)).toBe(0);
  });

  it("streams a 20 MiB put with bounded memory, and reads it back intact", async () => {
    const key = `${prefix()}a1/original/big.jpg`;
    const total = 20 * MiB;
    const baseline = liveBytes();
    let peak = 0;
    const { body, sha256 } = streamedBody(total, {
      onChunk: (produced) => {
        if (produced % (2 * MiB) === 0) peak = Math.max(peak, liveBytes() - baseline);
      },
    });

    expect(await h.store.put(key, body, { contentType: "image/jpeg" })).toEqual({ size: total });
    // Loose on purpose: S3 holds one 8 MiB part; a driver that buffered the body would pass 20 MiB.
    expect(peak).toBeLessThan(16 * MiB);

    expect(await h.store.head(key)).toMatchObject({ size: total });
    const got = await h.store.get(key);
    expect(got?.size).toBe(total);
    expect(await sha256Of(got!.body)).toBe(sha256());

    const range = await h.store.get(key, { range: { start: 9 * MiB, end: 9 * MiB + 99 } });
    expect(range?.size).toBe(100);
    expect(range?.totalSize).toBe(total);
  });

  it("leaves nothing under the key when the body fails halfway", async () => {
    const p = prefix();
    const key = `${p}a1/original/broken.jpg`;
    const broken = new Error("client went away");
    const { body } = streamedBody(20 * MiB, { failAt: { bytes: 10 * MiB, error: broken } });

    // The body's own error comes back as it is: it is the caller's problem, not the store's.
    await expect(h.store.put(key, body, { contentType: "image/jpeg" })).rejects.toBe(broken);
    expect(body.destroyed).toBe(true);
    expect(await h.store.head(key)).toBeNull();
    expect(await keysUnder(p)).toEqual([]);
    expect(await h.hiddenFiles()).toEqual([]);
  });

  it("leaves nothing under the key when the put is aborted", async () => {
    const p = prefix();
    const key = `${p}a1/original/aborted.jpg`;
    const controller = new AbortController();
    const { body } = streamedBody(20 * MiB, {
      // Past the first S3 part, so a multipart upload is under way when the abort lands.
      onChunk: (produced) => produced === 9 * MiB && controller.abort(),
    });

    const error = await h.store
      .put(key, body, { contentType: "image/jpeg", signal: controller.signal })
      .catch((e: unknown) => e);
    expect(controller.signal.aborted).toBe(true);
    expect(error).toBe(controller.signal.reason);
    expect(await h.store.head(key)).toBeNull();
    expect(await keysUnder(p)).toEqual([]);
    expect(await h.hiddenFiles()).toEqual([]);
  });

  it("gives up on a stalled body when aborted instead of waiting for it", async () => {
    const p = prefix();
    const key = `${p}a1/original/stalled.jpg`;
    const controller = new AbortController();
    const { body } = streamedBody(4 * MiB, { stallAt: 1 * MiB });
    const put = h.store.put(key, body, { contentType: "image/jpeg", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);

    const error = await put.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(await keysUnder(p)).toEqual([]);
    expect(await h.hiddenFiles()).toEqual([]);
  });

  it("refuses unsafe keys before touching the store", async () => {
    for (const key of ["../x", "/abs", "a/../../b", "a\\b", "x%00", "a//b", "a/.hidden", ""]) {
      await expect(h.store.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(h.store.get(key)).rejects.toMatchObject({ code: "bad_request" });
      await expect(h.store.delete(key)).rejects.toMatchObject({ code: "bad_request" });
    }
    await expect(h.store.deletePrefix("../")).rejects.toMatchObject({ code: "bad_request" });
    await expect(h.store.deletePrefix("")).rejects.toMatchObject({ code: "bad_request" });
    await expect(keysUnder("/etc/")).rejects.toMatchObject({ code: "bad_request" });
  });

  it("answers the health check", async () => {
    await expect(h.store.check()).resolves.toBeUndefined();
  });
});
