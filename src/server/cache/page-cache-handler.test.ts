import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool } from "../data/albums/album-fixtures";

// The handler borrows the process's pool (src/server/db/pool.ts), which reads DATABASE_URL.
process.env.DATABASE_URL = testDatabaseUrl();
const { default: PageCacheHandler, personOf } = await import("./page-cache-handler.mjs");
const { closePgPool, pgPool } = await import("@/server/db/pool");
pgPool();
afterAll(() => closePgPool());

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const versionOf = async (ownerId: string) =>
  Number(
    (
      await pool.query<{ version: string }>("SELECT version FROM page_versions WHERE owner_id = $1", [
        ownerId,
      ])
    ).rows[0]?.version ?? 0,
  );

// Next stores an app page as an object of HTML, RSC payload and segments; the handler only keeps it.
const page = (html: string) => ({
  kind: "APP_PAGE",
  html: html.repeat(200),
  rscData: Buffer.from(html.repeat(300)),
  segmentData: new Map([["/_tree", Buffer.from(html.repeat(100))]]),
  status: 200,
});

/** The HTML a hit hands to Next: bytes, written as they are. */
function htmlOf(hit: { value: unknown } | null): string | undefined {
  const html = (hit?.value as { html?: unknown } | undefined)?.html;
  return Buffer.isBuffer(html) ? html.toString("utf8") : undefined;
}

describe("page versions (the triggers)", () => {
  let owner: Awaited<ReturnType<typeof newUser>>;
  let photo: string;
  let album: string;

  beforeAll(async () => {
    owner = await newUser(pool);
    album = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    photo = (await addPhotos(pool, owner.id, album, [{ visibility: "PUBLIC", title: "Tram 28" }]))[0]!;
  });

  it("bumps the owner's version when a photo's visibility, title or album changes, or it is deleted", async () => {
    for (const change of [
      "UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1",
      "UPDATE photos SET title = 'Tram 28, Lisbon' WHERE id = $1",
      "UPDATE photos SET deleted_at = now() WHERE id = $1",
    ]) {
      const before = await versionOf(owner.id);
      await pool.query(change, [photo]);
      expect(await versionOf(owner.id), change).toBe(before + 1);
    }
  });

  it("does not bump for counters that change with every favorite or comment", async () => {
    const before = await versionOf(owner.id);
    await pool.query(
      "UPDATE photos SET favorite_count = favorite_count + 1, comment_count = 3 WHERE id = $1",
      [photo],
    );
    expect(await versionOf(owner.id)).toBe(before);
  });

  it("bumps for album changes and the person's public profile, not for their password", async () => {
    let before = await versionOf(owner.id);
    await pool.query("UPDATE albums SET title = 'Lisbon' WHERE id = $1", [album]);
    expect(await versionOf(owner.id)).toBe(++before);
    await pool.query("UPDATE users SET display_name = 'Ana Lisboa' WHERE id = $1", [owner.id]);
    expect(await versionOf(owner.id)).toBe(++before);
    await pool.query("UPDATE users SET password_hash = 'x' WHERE id = $1", [owner.id]);
    expect(await versionOf(owner.id)).toBe(before);
  });
});

describe("the page cache handler", () => {
  let owner: Awaited<ReturnType<typeof newUser>>;
  let photo: string;
  const keyOf = (handle: string) => `/anonymous/people/${handle}`;

  beforeAll(async () => {
    owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id, { visibility: "PRIVATE" });
    photo = (await addPhotos(pool, owner.id, album, [{ visibility: "PUBLIC" }]))[0]!;
  });

  it("serves a stored page until the person's version moves, then misses", async () => {
    const cache = new PageCacheHandler();
    const key = keyOf(owner.handle);
    expect(await cache.get(key)).toBeNull();
    await cache.set(key, page("<p>v1</p>"));
    expect(htmlOf(await cache.get(key))).toBe(page("<p>v1</p>").html);

    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photo]);
    expect(await cache.get(key)).toBeNull();
    await cache.set(key, page("<p>v2</p>"));
    expect(htmlOf(await cache.get(key))).toBe(page("<p>v2</p>").html);
  });

  it("files a render under the version read before it, so a change during the render is not kept", async () => {
    const cache = new PageCacheHandler();
    const key = keyOf(owner.handle);
    await cache.get(key); // the miss before the render reads the database
    await pool.query("UPDATE photos SET title = 'changed mid-render' WHERE id = $1", [photo]);
    await cache.set(key, page("<p>rendered from the old rows</p>"));
    expect(await cache.get(key)).toBeNull();
  });

  it("hands back the RSC payload and segments as stored, the segment repeating the payload kept once", async () => {
    const cache = new PageCacheHandler();
    const key = keyOf(owner.handle);
    const rscData = Buffer.from("0:rsc payload ".repeat(500));
    await cache.get(key);
    await cache.set(key, { ...page("x"), rscData, segmentData: new Map([["/_full", Buffer.from(rscData)]]) });
    const value = (await cache.get(key))?.value as { rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(value.rscData.equals(rscData)).toBe(true);
    expect(value.segmentData.get("/_full")).toBe(value.rscData);
  });

  it("keeps nothing it did not version: other keys, and a set without the read before it", async () => {
    const cache = new PageCacheHandler();
    await cache.set("/albums/x", page("x"));
    expect(await cache.get("/albums/x")).toBeNull();
    const key = keyOf(`never-read-${owner.handle}`);
    await cache.set(key, page("x"));
    expect(await cache.get(key)).toBeNull();
  });

  it("keeps an unknown handle's 404 until someone takes the handle", async () => {
    const cache = new PageCacheHandler();
    const handle = `nobody${Date.now()}`;
    const key = keyOf(handle);
    expect(await cache.get(key)).toBeNull();
    await cache.set(key, page("404"));
    expect(htmlOf(await cache.get(key))).toBe(page("404").html);
    const taker = await newUser(pool);
    await pool.query("UPDATE users SET handle = $1 WHERE id = $2", [handle, taker.id]);
    expect(await cache.get(key)).toBeNull();
  });

  it("answers lookups made together (one query) with each person's own version", async () => {
    const cache = new PageCacheHandler();
    const people = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const keys = [...people.map((p) => keyOf(p.handle)), keyOf(`nobody-${people[0]!.handle}`)];
    await Promise.all(keys.map((key) => cache.get(key)));
    for (const key of keys) await cache.set(key, page(key));
    await pool.query("UPDATE users SET bio = 'changed' WHERE id = $1", [people[1]!.id]);
    const hits = await Promise.all(keys.map((key) => cache.get(key)));
    expect(hits.map((hit) => htmlOf(hit) !== undefined)).toEqual([true, false, true, true]);
  });

  it("evicts the least recently used pages past PAGE_CACHE_MAX_MB", async () => {
    const cache = new PageCacheHandler();
    const people = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    // Random bytes do not compress: each entry holds ~400 KB against a 1 MB bound.
    const bulky = () => ({ kind: "APP_PAGE", rscData: randomBytes(400_000), status: 200 });
    process.env.PAGE_CACHE_MAX_MB = "1";
    try {
      for (const person of people) {
        await cache.get(keyOf(person.handle));
        await cache.set(keyOf(person.handle), bulky());
      }
      expect(await cache.get(keyOf(people[0]!.handle))).toBeNull();
      expect(await cache.get(keyOf(people[1]!.handle))).not.toBeNull();
      expect(await cache.get(keyOf(people[2]!.handle))).not.toBeNull();
    } finally {
      delete process.env.PAGE_CACHE_MAX_MB;
    }
  });

  it("ignores Next's path and tag revalidation: freshness is the person's version", async () => {
    const cache = new PageCacheHandler();
    const key = keyOf(owner.handle);
    await cache.get(key);
    await cache.set(key, page("kept"));
    await cache.revalidateTag();
    expect(htmlOf(await cache.get(key))).toBe(page("kept").html);
  });

  it("looks versions up on the process's one pool and opens none of its own", async () => {
    const cache = new PageCacheHandler();
    const key = keyOf(owner.handle);
    await closePgPool();
    const shared = pgPool();
    await cache.get(key);
    await cache.set(key, page("shared"));
    expect(htmlOf(await cache.get(key))).toBe(page("shared").html);
    expect(shared.totalCount).toBeGreaterThan(0);
    // With no pool registered the handler cannot check the version: a miss, never a pool of its own.
    await closePgPool();
    expect(await cache.get(key)).toBeNull();
    pgPool();
    expect(htmlOf(await cache.get(key))).toBe(page("shared").html);
  });

  it("maps keys to people, decoding and lower-casing the handle, and ignores other routes", () => {
    expect(personOf("/anonymous/people/Ana")).toBe("ana");
    expect(personOf("/anonymous/people/ana.rsc")).toBe("ana");
    expect(personOf("/anonymous/people/%E0%A4")).toBeNull();
    expect(personOf("/people/ana")).toBeNull();
  });
});
