import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalStorage } from "./local-storage";
import { MiB, streamedBody, textOf } from "./test-helpers";

let root: string;
let store: LocalStorage;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "pinhole-local-"));
  store = new LocalStorage({ driver: "local", root });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function listKeys(prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of store.list(prefix)) keys.push(entry.key);
  return keys;
}

describe("local storage", () => {
  it("never shows a write in progress, and the sweep removes what a crash leaves", async () => {
    // A put whose body stops arriving stands in for a process killed mid-write: its temp file exists.
    const controller = new AbortController();
    const { body } = streamedBody(4 * MiB, { stallAt: 1 * MiB });
    const inFlight = store
      .put("u1/a1/original/p1.jpg", body, { contentType: "image/jpeg", signal: controller.signal })
      .catch((e: unknown) => e);
    const folder = path.join(root, "u1/a1/original");
    await waitFor(async () => (await readdir(folder)).length === 1);
    const [temp] = await readdir(folder);
    expect(temp).toMatch(/^\.p1\.jpg\.tmp-[0-9a-f]{16}$/);
    // Everything the body produced is on disk, so no late write can touch the file's mtime below.
    await waitFor(async () => (await stat(path.join(folder, temp!))).size === 1 * MiB);

    expect(await store.head("u1/a1/original/p1.jpg")).toBeNull();
    expect(await listKeys()).toEqual([]);

    // Young temp files (a put in flight) are left alone; old ones go.
    expect(await store.sweepTempFiles(60_000)).toBe(0);
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(folder, temp!), old, old);
    await mkdir(path.join(root, "u2/default/w400"), { recursive: true });
    await writeFile(path.join(root, "u2/default/w400/.p2.webp.tmp-0123456789abcdef"), "partial");
    await utimes(path.join(root, "u2/default/w400/.p2.webp.tmp-0123456789abcdef"), old, old);
    // Hidden files that are not ours are not touched.
    await writeFile(path.join(root, ".keep"), "");
    await utimes(path.join(root, ".keep"), old, old);

    expect(await store.sweepTempFiles(3600_000)).toBe(2);
    expect((await readdir(root, { recursive: true })).filter((p) => p.includes(".tmp-"))).toEqual([]);
    expect(await readdir(root)).toContain(".keep");

    controller.abort();
    expect(await inFlight).toBe(controller.signal.reason);
  });

  it("removes the folders deletePrefix empties, up to the root", async () => {
    await store.put("u1/a1/original/p1.jpg", Buffer.from("a"), { contentType: "image/jpeg" });
    await store.put("u1/a1/w400/p1.webp", Buffer.from("b"), { contentType: "image/webp" });
    await store.put("u1/a2/original/p2.jpg", Buffer.from("c"), { contentType: "image/jpeg" });

    expect(await store.deletePrefix("u1/a1/")).toBe(2);
    expect(await readdir(path.join(root, "u1"))).toEqual(["a2"]);
    expect(await store.deletePrefix("u1/")).toBe(1);
    expect(await readdir(root)).toEqual([]);
    // A put right after still finds (re-creates) its folders.
    await store.put("u1/a1/original/p3.jpg", Buffer.from("d"), { contentType: "image/jpeg" });
    expect(await listKeys("u1/")).toEqual(["u1/a1/original/p3.jpg"]);
  });

  it("keeps streaming the version a read opened while a put replaces it", async () => {
    const key = "u1/a1/original/p1.jpg";
    await store.put(key, Buffer.alloc(1 * MiB, "a"), { contentType: "image/jpeg" });
    const reading = await store.get(key);
    await store.put(key, Buffer.from("b"), { contentType: "image/jpeg" });

    const bytes = Buffer.from(await textOf(reading!.body));
    expect(reading?.size).toBe(1 * MiB);
    expect(bytes.equals(Buffer.alloc(1 * MiB, "a"))).toBe(true);
    expect(await textOf((await store.get(key))!.body)).toBe("b");
  });

  it("infers the content type from the extension, having nowhere to keep it", async () => {
    await store.put("u1/a1/w400/p1.webp", Buffer.from("w"), { contentType: "image/webp" });
    await store.put("u1/a1/original/p1.HEIC", Buffer.from("h"), { contentType: "image/heic" });
    expect((await store.head("u1/a1/w400/p1.webp"))?.contentType).toBe("image/webp");
    expect((await store.get("u1/a1/original/p1.HEIC"))?.contentType).toBe("image/heic");
  });

  it("has no direct URLs: the app streams local files itself", async () => {
    expect(await store.presignedGet()).toBeNull();
  });

  it("reports a root it cannot write as unavailable", async () => {
    await writeFile(path.join(root, "a-file"), "");
    const broken = new LocalStorage({ driver: "local", root: path.join(root, "a-file", "media") });
    await expect(broken.check()).rejects.toMatchObject({ code: "unavailable" });
    await expect(
      broken.put("u1/a1/original/p.jpg", Buffer.from("x"), { contentType: "image/jpeg" }),
    ).rejects.toMatchObject({ code: "unavailable" });
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition never became true");
}
