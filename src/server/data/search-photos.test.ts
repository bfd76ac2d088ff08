import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../test/support/db";
import { licensesFor } from "@/lib/licenses";

process.env.DATABASE_URL = testDatabaseUrl();
const { searchPhotos, parseSearchQuery } = await import("./search-photos");

type Vis = "PUBLIC" | "PRIVATE" | "SHARED";
type Viewer = { id: string; role: "USER" | "ADMIN" } | null;
type Options = Parameters<typeof searchPhotos>[1];

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
afterAll(() => pool.end());

const viewerOf = (user: SeededUser): Viewer => ({ id: user.id, role: "USER" });
/** A word no other test uses: searches for it across everyone see only this file's photos. */
const uniqueWord = () => `w${randomBytes(5).toString("hex")}`;
const DAY = 24 * 3600 * 1000;

async function album(ownerId: string, visibility: Vis, sharedWith: string[] = []): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Album', $2::visibility) RETURNING id",
    [ownerId, visibility],
  );
  for (const userId of sharedWith) {
    await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

interface PhotoInput {
  title?: string;
  description?: string;
  tags?: string[];
  visibility?: Vis;
  albumId?: string;
  createdAt?: Date;
  takenAt?: Date;
  sharedWith?: string[];
}

async function photo(owner: SeededUser, input: PhotoInput): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, description, tags, visibility, status, created_at, taken_at,
                         original_key, mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3, $4, $5, $6::visibility, 'READY', $7, $8, 'k', 'image/jpeg', 1, $9, 400, 300)
     RETURNING id`,
    [
      owner.id,
      input.albumId ?? owner.defaultAlbumId,
      input.title ?? "",
      input.description ?? "",
      input.tags ?? [],
      input.visibility ?? "PUBLIC",
      input.createdAt ?? new Date(),
      input.takenAt ?? null,
      randomBytes(16).toString("hex"),
    ],
  );
  for (const userId of input.sharedWith ?? []) {
    await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [userId, rows[0]!.id]);
  }
  return rows[0]!.id;
}

async function ids(viewer: Viewer, options: Options): Promise<string[]> {
  return (await searchPhotos(viewer, options)).photos.map((p) => p.id);
}

async function allPages(viewer: Viewer, options: Options, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let before: string | null = null;
  do {
    const page = await searchPhotos(viewer, { ...options, before, limit });
    pages.push(page.photos.map((p) => p.id));
    before = page.nextCursor;
  } while (before && pages.length < 100);
  return pages;
}

describe("searchPhotos: matching and ranking", () => {
  let me: SeededUser;
  const mine = (q: string): Options => ({ q, scope: "mine" });

  beforeAll(async () => {
    me = await seedUser(pool);
  });

  it("ranks title over tags over description, and newer over older at equal relevance", async () => {
    const now = Date.now();
    const oldTitle = await photo(me, { title: "Sunset", createdAt: new Date(now - 400 * DAY) });
    const inDescription = await photo(me, { description: "a sunset", createdAt: new Date(now) });
    const inTags = await photo(me, { tags: ["sunset"], createdAt: new Date(now - DAY) });
    const inTitle = await photo(me, { title: "Sunset", createdAt: new Date(now - 10 * DAY) });
    const newerTitle = await photo(me, { title: "Sunset", createdAt: new Date(now - 5 * DAY) });
    await photo(me, { title: "Sunrise" });
    expect(await ids(viewerOf(me), mine("sunset"))).toEqual([
      newerTitle,
      inTitle,
      inTags,
      inDescription,
      oldTitle,
    ]);
  });

  it("excludes words with -word and keeps phrases in quotes together", async () => {
    const cat = await photo(me, { title: "Cat on a wall" });
    await photo(me, { title: "Cat and dog" });
    expect(await ids(viewerOf(me), mine("cat -dog"))).toEqual([cat]);

    const tram = await photo(me, { title: "Tram 28 in Alfama" });
    await photo(me, { title: "28 days on a tram" });
    expect(await ids(viewerOf(me), mine('"tram 28"'))).toEqual([tram]);
  });

  it("finds 'cat or dog' photos with either word", async () => {
    const user = await seedUser(pool);
    const a = await photo(user, { title: "kitten", tags: ["cat"] });
    const b = await photo(user, { title: "puppy", tags: ["dog"] });
    await photo(user, { title: "bird" });
    expect((await ids(viewerOf(user), { q: "cat or dog", scope: "mine" })).sort()).toEqual([a, b].sort());
  });

  it("matches the last word as a prefix and survives typos", async () => {
    const user = await seedUser(pool);
    const lisbon = await photo(user, { title: "Evening in Lisbon", tags: ["portugal"] });
    const sunset = await photo(user, { title: "Sunset at the beach" });
    expect(await ids(viewerOf(user), { q: "sunse", scope: "mine" })).toEqual([sunset]);
    expect(await ids(viewerOf(user), { q: "lisbn", scope: "mine" })).toEqual([lisbon]);
    expect(await ids(viewerOf(user), { q: "evenin lisbn", scope: "mine" })).toEqual([lisbon]);
    expect(await ids(viewerOf(user), { q: "portgal", scope: "mine" })).toEqual([lisbon]);
    expect(await ids(viewerOf(user), { q: "zzzzqqq", scope: "mine" })).toEqual([]);
    // A prefix only when the whole word finds nothing: "beach" is not "beaches".
    const beaches = await photo(user, { title: "Beaches" });
    expect(await ids(viewerOf(user), { q: "beach", scope: "mine" })).toEqual([sunset]);
    expect(await ids(viewerOf(user), { q: "beache", scope: "mine" })).toEqual([beaches]);
    // Loosened: only the word no photo has; the known one must match as itself.
    expect(await ids(viewerOf(user), { q: "sunset lisbn", scope: "mine" })).toEqual([]);
    expect(await ids(viewerOf(user), { q: "evening lisbn", scope: "mine" })).toEqual([lisbon]);
  });

  it("finds nothing for words that are each somewhere but never together", async () => {
    const user = await seedUser(pool);
    await photo(user, { title: "Cat" });
    await photo(user, { title: "Dog" });
    await photo(user, { title: "Cats and dogs" });
    expect(await ids(viewerOf(user), { q: "cat dog", scope: "mine" })).toEqual([]);
  });

  it("folds accents both ways", async () => {
    const user = await seedUser(pool);
    const sao = await photo(user, { title: "São Bento station" });
    const cafe = await photo(user, { tags: ["cafe"] });
    expect(await ids(viewerOf(user), { q: "sao bento", scope: "mine" })).toEqual([sao]);
    expect(await ids(viewerOf(user), { q: "SÃO", scope: "mine" })).toEqual([sao]);
    expect(await ids(viewerOf(user), { q: "café", scope: "mine" })).toEqual([cafe]);
  });

  it("filters by when the photo was taken, or uploaded when the camera did not say", async () => {
    const user = await seedUser(pool);
    const word = uniqueWord();
    const taken2020 = await photo(user, { title: word, takenAt: new Date("2020-06-01T12:00:00Z") });
    const uploaded2024 = await photo(user, { title: word, createdAt: new Date("2024-03-01T12:00:00Z") });
    const viewer = viewerOf(user);
    const from = new Date("2024-01-01T00:00:00Z");
    expect(await ids(viewer, { q: word, from })).toEqual([uploaded2024]);
    expect(await ids(viewer, { q: word, to: from })).toEqual([taken2020]);
    expect(await ids(viewer, { q: word, from: new Date("2021-01-01"), to: new Date("2022-01-01") })).toEqual(
      [],
    );
    expect(await ids(viewer, { q: word, from: new Date(Number.NaN) })).toHaveLength(2);
  });

  it("filters by license: only photos others may reuse, or one license", async () => {
    const user = await seedUser(pool);
    const word = uniqueWord();
    const reserved = await photo(user, { title: word });
    const ccBy = await photo(user, { title: word });
    const ccByNc = await photo(user, { title: word });
    await pool.query("UPDATE photos SET license = 'CC_BY' WHERE id = $1", [ccBy]);
    await pool.query("UPDATE photos SET license = 'CC_BY_NC' WHERE id = $1", [ccByNc]);
    const anyone = null;
    expect((await ids(anyone, { q: word })).sort()).toEqual([reserved, ccBy, ccByNc].sort());
    expect((await ids(anyone, { q: word, licenses: licensesFor("reuse") })).sort()).toEqual(
      [ccBy, ccByNc].sort(),
    );
    expect(await ids(anyone, { q: word, licenses: licensesFor("commercial") })).toEqual([ccBy]);
    expect(await ids(anyone, { q: word, licenses: licensesFor("ALL_RIGHTS_RESERVED") })).toEqual([reserved]);
    // The typo fallback keeps the filter.
    expect(await ids(anyone, { q: `${word}x`, licenses: ["CC_BY_NC"] })).toEqual([ccByNc]);
  });

  it("keeps the search vector up to date on edits, with one page-version bump per edit", async () => {
    const user = await seedUser(pool);
    const word = uniqueWord();
    const id = await photo(user, { title: "untitled" });
    const version = async () =>
      (
        await pool.query<{ v: string }>("SELECT version::text AS v FROM page_versions WHERE owner_id = $1", [
          user.id,
        ])
      ).rows[0]?.v;
    const before = Number(await version());
    await pool.query("UPDATE photos SET title = $1 WHERE id = $2", [`Now ${word}`, id]);
    expect(Number(await version())).toBe(before + 1);
    expect(await ids(viewerOf(user), { q: word, scope: "mine" })).toEqual([id]);
    await pool.query("UPDATE photos SET tags = $1, title = '' WHERE id = $2", [[word], id]);
    expect(await ids(viewerOf(user), { q: word, scope: "mine" })).toEqual([id]);
  });
});

describe("searchPhotos: who sees what", () => {
  let owner: SeededUser;
  let grantee: SeededUser;
  let albumGrantee: SeededUser;
  let stranger: SeededUser;
  const word = uniqueWord();
  const photos: Record<string, string> = {};

  beforeAll(async () => {
    [owner, grantee, albumGrantee, stranger] = await Promise.all([
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
      seedUser(pool),
    ]);
    const sharedAlbum = await album(owner.id, "SHARED", [albumGrantee.id]);
    const publicAlbum = await album(owner.id, "PUBLIC");
    photos.public = await photo(owner, { title: `${word} public` });
    photos.private = await photo(owner, { title: `${word} private`, visibility: "PRIVATE" });
    photos.shared = await photo(owner, {
      title: `${word} shared`,
      visibility: "SHARED",
      sharedWith: [grantee.id],
    });
    photos.inSharedAlbum = await photo(owner, {
      title: `${word} album`,
      visibility: "PRIVATE",
      albumId: sharedAlbum,
    });
    photos.inPublicAlbum = await photo(owner, {
      title: `${word} open`,
      visibility: "PRIVATE",
      albumId: publicAlbum,
    });
  });

  const found = async (viewer: Viewer, q = word, scope: Options["scope"] = "everyone") =>
    (await ids(viewer, { q, scope })).map((id) => Object.keys(photos).find((k) => photos[k] === id)).sort();

  it("shows each viewer exactly what the policy lets them see (grants and shared albums)", async () => {
    expect(await found(null)).toEqual(["public"]);
    expect(await found(viewerOf(stranger))).toEqual(["public"]);
    expect(await found(viewerOf(grantee))).toEqual(["public", "shared"]);
    expect(await found(viewerOf(albumGrantee))).toEqual(["inSharedAlbum", "public"]);
    expect(await found(viewerOf(owner))).toEqual([
      "inPublicAlbum",
      "inSharedAlbum",
      "private",
      "public",
      "shared",
    ]);
  });

  it("never lets OR in the query widen what is visible, nor the typo fallback", async () => {
    expect(await found(viewerOf(stranger), `${word} or private`)).toEqual(["public"]);
    expect(await found(viewerOf(stranger), `private or shared or album`)).not.toContain("private");
    expect(await found(viewerOf(stranger), word.slice(0, -1) + "x")).toEqual(["public"]);
    expect(await found(viewerOf(owner), word.slice(0, -1) + "x")).toHaveLength(5);
  });

  it("scopes to mine and to people I follow", async () => {
    expect(await found(viewerOf(owner), word, "mine")).toHaveLength(5);
    expect(await found(viewerOf(grantee), word, "mine")).toEqual([]);
    expect(await found(null, word, "mine")).toEqual([]);
    expect(await found(viewerOf(grantee), word, "following")).toEqual([]);
    await pool.query("INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)", [
      grantee.id,
      owner.id,
    ]);
    expect(await found(viewerOf(grantee), word, "following")).toEqual(["public", "shared"]);
    expect(await found(null, word, "following")).toEqual([]);
  });
});

describe("searchPhotos: bad input (SECURITY.md #21)", () => {
  const inputs = [
    "",
    "   ",
    "'",
    "%",
    "\\",
    "&|!():*",
    "'; DROP TABLE photos; --",
    '"',
    '"unterminated phrase',
    "-",
    "-dog",
    "-cat or -dog",
    "or",
    "a:* & b | !c",
    "\u0000nul\u0000",
    "😀",
    "🏳️‍🌈 sunset 🌅",
    "\u202Eevil",
    "x".repeat(10 * 1024),
    "sunset ".repeat(1500),
    "😀".repeat(5000),
  ];

  it("answers with results or an empty list, never an error", async () => {
    const user = await seedUser(pool);
    for (const q of inputs) {
      for (const scope of ["everyone", "mine", "following"] as const) {
        const page = await searchPhotos(viewerOf(user), { q, scope });
        expect(Array.isArray(page.photos)).toBe(true);
      }
      await expect(searchPhotos(null, { q, before: "not-a-cursor" })).resolves.toBeTruthy();
    }
  });

  it("finds nothing for input with no wanted word", async () => {
    for (const q of ["", "   ", "&|!():*", "-dog", "or", '"', "😀"]) {
      expect(parseSearchQuery(q).words).toEqual([]);
      expect((await searchPhotos(null, { q })).photos).toEqual([]);
    }
  });

  it("cuts long input to a sane size", () => {
    const parsed = parseSearchQuery("sunset ".repeat(1500));
    expect(parsed.text.split(" ").length).toBeLessThanOrEqual(10);
    expect(Array.from(parseSearchQuery("😀".repeat(5000)).text).length).toBeLessThanOrEqual(200);
  });
});

describe("searchPhotos: keyset pagination", () => {
  it("neither repeats nor skips, through ties in score and time", async () => {
    const user = await seedUser(pool);
    const word = uniqueWord();
    const sameTime = new Date(Date.now() - 3 * DAY);
    const all: string[] = [];
    for (let i = 0; i < 23; i++) {
      const where =
        i % 3 === 0 ? { title: `${word} ${i}` } : i % 3 === 1 ? { tags: [word] } : { description: word };
      all.push(await photo(user, { ...where, createdAt: i < 8 ? sameTime : new Date(Date.now() - i * DAY) }));
    }
    const viewer = viewerOf(user);
    const whole = await ids(viewer, { q: word, limit: 100 });
    expect(whole.sort()).toEqual([...all].sort());
    const pages = await allPages(viewer, { q: word }, 4);
    expect(pages.flat()).toEqual(await ids(viewer, { q: word, limit: 100 }));
    expect(pages.length).toBe(6);
  });

  it("pages through prefix matches", async () => {
    const user = await seedUser(pool);
    const all: string[] = [];
    for (let i = 0; i < 5; i++)
      all.push(await photo(user, { title: `Lighthouse ${i}`, createdAt: new Date(Date.now() - i * DAY) }));
    const pages = await allPages(viewerOf(user), { q: "lighth", scope: "mine" }, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it("pages through typo matches too", async () => {
    const user = await seedUser(pool);
    const all: string[] = [];
    for (let i = 0; i < 7; i++)
      all.push(await photo(user, { title: `Gondola ${i}`, createdAt: new Date(Date.now() - i * DAY) }));
    const pages = await allPages(viewerOf(user), { q: "gondla", scope: "mine" }, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all);
  });
});

describe("listPhotos: a tag's photos", () => {
  it("lists the photos with that tag the viewer may see, newest first", async () => {
    const { listPhotos, resolvePhotoScope } = await import("./list-photos");
    const [owner, grantee] = await Promise.all([seedUser(pool), seedUser(pool)]);
    const tag = `${uniqueWord()} bridge`;
    const older = await photo(owner, { tags: [tag], createdAt: new Date(Date.now() - DAY) });
    // Explicit times: two rows inserted in the same millisecond would tie, and ties go by id.
    const newer = await photo(owner, { tags: ["other", tag], createdAt: new Date(Date.now() - 60_000) });
    const shared = await photo(owner, {
      tags: [tag],
      visibility: "SHARED",
      sharedWith: [grantee.id],
      createdAt: new Date(Date.now() - 30_000),
    });
    await photo(owner, { tags: [`${tag}s`] });
    const scope = await resolvePhotoScope(null, { scope: "tag", tag: `#${tag.toUpperCase()}` });
    const tagIds = async (viewer: Viewer) => (await listPhotos(viewer, scope)).photos.map((p) => p.id);
    expect(await tagIds(null)).toEqual([newer, older]);
    expect(await tagIds(viewerOf(grantee))).toEqual([shared, newer, older]);
    const pages = [await listPhotos(null, scope, { limit: 1 })];
    pages.push(await listPhotos(null, scope, { limit: 1, cursor: pages[0]!.nextCursor }));
    expect(pages.map((p) => p.photos[0]?.id)).toEqual([newer, older]);
  });
});
