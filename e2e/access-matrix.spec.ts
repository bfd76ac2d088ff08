// The access-control matrix (issue 5): every kind of viewer × every kind of photo × every path a
// photo can be reached by gives exactly the allow or deny that EXPECT below says, over real HTTP
// against the production build. One seeded world per run: an owner with one real uploaded photo and
// cheap clones of it (rows sharing its stored files), one per case. Every test is generated from
// EXPECT; a denial is a 404 (never a 403 that confirms the photo exists) for pages and media, and
// the id's absence for listings.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import exifr from "exifr";
import pg from "pg";
import { seedUser, type SeededUser } from "../prisma/seed/users";
import { VARIANT_LADDER } from "../src/server/images/variants";
import { expect, test } from "./support/fixtures";
import { bearer, seedApiToken } from "./support/api";
import { anonymousContext, callAction, findAction, signedInContext } from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

// Tests run one after another in one worker, against one world seeded once.
test.describe.configure({ mode: "default", timeout: 120_000 });

// ─── The table ────────────────────────────────────────────────────────────────────────────────

const VIEWERS = ["anonymous", "other", "named", "linkHolder", "owner"] as const;
type ViewerKind = (typeof VIEWERS)[number];
// anonymous   no session
// other       signed in; no grant, no link
// named       signed in; the grants below name them
// linkHolder  no session; opens the photo through a share link's URLs (`/s/<token>…`, `?s=<token>`):
//             the case's own link, or, for a case without one, the `link` case's link, which must
//             open nothing else. Its plain requests (listings) are an anonymous visitor's.
// owner       the photos' owner, signed in

interface CaseSpec {
  /** The photo's own visibility. */
  visibility: "PUBLIC" | "PRIVATE" | "SHARED";
  /** The album it is in: the owner's default album (PRIVATE), a SHARED album granting the named
   * viewer, a PUBLIC album, or a PRIVATE album with an album share link. */
  album: "default" | "shared" | "public" | "linked";
  /** A grant on the photo naming the named viewer. */
  grant?: true;
  /** A share link of its own: to the photo, or to its album. */
  link?: "photo" | "album";
  /** "Let others download the original". */
  allowOriginal?: true;
}

const CASES = {
  public: { visibility: "PUBLIC", album: "default" },
  private: { visibility: "PRIVATE", album: "default" },
  shared: { visibility: "SHARED", album: "default", grant: true },
  link: { visibility: "PRIVATE", album: "default", link: "photo" },
  // The access model (src/server/policy/access.ts): a SHARED album lends its photos to its named
  // viewers, an album link to its holders; a PUBLIC album lends nothing.
  albumShared: { visibility: "PRIVATE", album: "shared" },
  albumPublic: { visibility: "PRIVATE", album: "public" },
  sharedInPublicAlbum: { visibility: "SHARED", album: "public", grant: true },
  albumLink: { visibility: "PRIVATE", album: "linked", link: "album" },
  publicOriginal: { visibility: "PUBLIC", album: "default", allowOriginal: true },
  sharedOriginal: { visibility: "SHARED", album: "default", grant: true, allowOriginal: true },
  linkOriginal: { visibility: "PRIVATE", album: "default", link: "photo", allowOriginal: true },
} as const satisfies Record<string, CaseSpec>;
type Case = keyof typeof CASES;

// page      /photos/<id> (link holder: /s/<token>/<id>)
// variants  every rung of the variant ladder, /media/<id>/<v>/w<width>.webp (link holder: ?s=<token>)
// original  /media/<id>/<v>/original (link holder: ?s=<token>)
// album     the photo's album page and /api/photos?scope=album (link holder: /s/<token>)
// stream    /people/<owner> (the page cache's copy for visitors) and /api/photos?scope=stream
// explore   / and /api/photos?scope=explore: public photos, the same for everyone, owner included
// search    /api/search?q=<this world's word>: what the viewer may see, as the stream
// feed      /api/photos?scope=feed: the signed-in viewers follow the owner, and their home feeds
//           list what they may see of the owner's; nobody has the owner's own photos in their
//           feed, and there is no feed without a session
// apiV1     /api/v1 with the viewer's personal access token (none for the anonymous visitor and the
//           link holder, whom the API knows nothing about): the photo, a generated size, and the
//           photostream listing answer as the stream does
const PATHS = [
  "page",
  "variants",
  "original",
  "album",
  "stream",
  "explore",
  "search",
  "feed",
  "apiV1",
] as const;
type Path = (typeof PATHS)[number];

// One boolean per path, in PATHS order (a mapped tuple keeps its length).
type Flags<T extends readonly unknown[]> = { -readonly [K in keyof T]: boolean };
type Cells = Flags<typeof PATHS>;
type Row = readonly [Case, ViewerKind, ...Cells];

const Y = true;
const N = false;

// One row per case and viewer, one column per path: Y allowed, N denied.
// prettier-ignore
const EXPECT: readonly Row[] = [
  // case            viewer        page variants original album stream explore search feed apiV1
  ["public",         "anonymous",  Y,   Y,       N,       N,    Y,     Y,      Y,     N,   Y],
  ["public",         "other",      Y,   Y,       N,       N,    Y,     Y,      Y,     Y,   Y],
  ["public",         "named",      Y,   Y,       N,       N,    Y,     Y,      Y,     Y,   Y],
  ["public",         "linkHolder", N,   N,       N,       N,    Y,     Y,      Y,     N,   Y],
  ["public",         "owner",      Y,   Y,       Y,       Y,    Y,     Y,      Y,     N,   Y],

  ["private",        "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["private",        "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["private",        "named",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["private",        "linkHolder", N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["private",        "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["shared",         "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["shared",         "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["shared",         "named",      Y,   Y,       N,       N,    Y,     N,      Y,     Y,   Y],
  ["shared",         "linkHolder", N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["shared",         "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["link",           "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["link",           "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["link",           "named",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["link",           "linkHolder", Y,   Y,       N,       Y,    N,     N,      N,     N,   N],
  ["link",           "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["albumShared",    "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumShared",    "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumShared",    "named",      Y,   Y,       N,       Y,    Y,     N,      Y,     Y,   Y],
  ["albumShared",    "linkHolder", N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumShared",    "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["albumPublic",    "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumPublic",    "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumPublic",    "named",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumPublic",    "linkHolder", N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumPublic",    "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  // "Shared with Tom" in a public album: 404 for anonymous visitors, visible to Tom.
  ["sharedInPublicAlbum", "anonymous",  N, N,    N,       N,    N,     N,      N,     N,   N],
  ["sharedInPublicAlbum", "other",      N, N,    N,       N,    N,     N,      N,     N,   N],
  ["sharedInPublicAlbum", "named",      Y, Y,    N,       Y,    Y,     N,      Y,     Y,   Y],
  ["sharedInPublicAlbum", "linkHolder", N, N,    N,       N,    N,     N,      N,     N,   N],
  ["sharedInPublicAlbum", "owner",      Y, Y,    Y,       Y,    Y,     N,      Y,     N,   Y],

  ["albumLink",      "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumLink",      "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumLink",      "named",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["albumLink",      "linkHolder", Y,   Y,       N,       Y,    N,     N,      N,     N,   N],
  ["albumLink",      "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["publicOriginal", "anonymous",  Y,   Y,       Y,       N,    Y,     Y,      Y,     N,   Y],
  ["publicOriginal", "other",      Y,   Y,       Y,       N,    Y,     Y,      Y,     Y,   Y],
  ["publicOriginal", "named",      Y,   Y,       Y,       N,    Y,     Y,      Y,     Y,   Y],
  ["publicOriginal", "linkHolder", N,   N,       N,       N,    Y,     Y,      Y,     N,   Y],
  ["publicOriginal", "owner",      Y,   Y,       Y,       Y,    Y,     Y,      Y,     N,   Y],

  ["sharedOriginal", "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["sharedOriginal", "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["sharedOriginal", "named",      Y,   Y,       Y,       N,    Y,     N,      Y,     Y,   Y],
  ["sharedOriginal", "linkHolder", N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["sharedOriginal", "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],

  ["linkOriginal",   "anonymous",  N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["linkOriginal",   "other",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["linkOriginal",   "named",      N,   N,       N,       N,    N,     N,      N,     N,   N],
  ["linkOriginal",   "linkHolder", Y,   Y,       Y,       Y,    N,     N,      N,     N,   N],
  ["linkOriginal",   "owner",      Y,   Y,       Y,       Y,    Y,     N,      Y,     N,   Y],
];

// ─── The world ────────────────────────────────────────────────────────────────────────────────

interface SeededPhoto {
  id: string;
  /** The media secret in its URLs. */
  secret: string;
  albumId: string;
  /** The token the link holder uses for this case. */
  token: string;
  /** Anyone on the internet may see it (its own or its album's visibility). */
  isPublic: boolean;
  /**
   * An explore cursor just above this photo (its creation time plus a millisecond, the largest id):
   * asking from there finds it however many public photos other tests add meanwhile.
   */
  exploreFrom: string;
}

interface World {
  baseURL: string;
  pool: pg.Pool;
  owner: SeededUser;
  named: SeededUser;
  /** The word in every title of this world, for the search column. */
  word: string;
  photos: Record<Case, SeededPhoto>;
  /** Every rung the variant ladder made for the uploaded photo, w50 included. */
  widths: number[];
  viewers: Record<ViewerKind, APIRequestContext>;
  /** Each signed-in viewer's read token for the public API. */
  tokens: Record<ViewerKind, string | null>;
}

let world: World;

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const [owner, other, named] = await Promise.all([seedUser(pool), seedUser(pool), seedUser(pool)]);
  // A word only this world's titles have: search finds them and nothing of other runs.
  const word = `mx${randomBytes(5).toString("hex")}`;
  // The signed-in viewers follow the owner, so their home feeds have the owner's photos in them.
  await pool.query("INSERT INTO follows (follower_id, followee_id) VALUES ($1, $3), ($2, $3)", [
    other.id,
    named.id,
    owner.id,
  ]);
  const ownerContext = await signedInContext(playwright, baseURL, owner);

  // One real photo, processed; the cases are clones of its row sharing its stored files.
  const res = await postUpload(ownerContext, baseURL, await fixture("gps", "DSCN0021.jpg"), "DSCN0021.jpg");
  expect(res.status(), await res.text()).toBe(201);
  const sourceId = ((await res.json()) as { photo: { id: string } }).photo.id;
  expect((await waitForProcessed(pool, sourceId)).status).toBe("READY");
  // The source itself stays the owner's alone: it is in no case.
  await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [sourceId]);
  const { rows: rungs } = await pool.query<{ width: number }>(
    "SELECT DISTINCT width FROM photo_variants WHERE photo_id = $1 ORDER BY width",
    [sourceId],
  );
  const widths = [...new Set([50, ...rungs.map((r) => r.width)])].sort((a, b) => a - b);
  expect(widths.length).toBeGreaterThan(2);

  const album = async (visibility: string) =>
    (
      await pool.query<{ id: string }>(
        "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Matrix', $2::visibility) RETURNING id",
        [owner.id, visibility],
      )
    ).rows[0]!.id;
  const albums = {
    default: owner.defaultAlbumId,
    shared: await album("SHARED"),
    public: await album("PUBLIC"),
    linked: await album("PRIVATE"),
  };
  await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [
    named.id,
    albums.shared,
  ]);
  // A live link without a password, as create-share-link makes them (192 random bits, base64url).
  const newLink = async (target: { photoId: string } | { albumId: string }) => {
    const token = randomBytes(24).toString("base64url");
    await pool.query(
      "INSERT INTO share_links (token, created_by_id, photo_id, album_id) VALUES ($1, $2, $3, $4)",
      [
        token,
        owner.id,
        "photoId" in target ? target.photoId : null,
        "albumId" in target ? target.albumId : null,
      ],
    );
    return token;
  };
  const albumToken = await newLink({ albumId: albums.linked });

  const photos = {} as Record<Case, SeededPhoto>;
  for (const [name, spec] of Object.entries(CASES) as [Case, CaseSpec][]) {
    const { rows } = await pool.query<{ id: string; media_secret: string; created_at: Date }>(
      `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, original_name, mime_type,
                           byte_size, sha256, width, height, thumbhash, allow_original)
       SELECT owner_id, $2, $3, $4::visibility, 'READY', original_key, original_name, mime_type, byte_size, $5,
              width, height, thumbhash, $6
       FROM photos WHERE id = $1 RETURNING id, media_secret, created_at`,
      [
        sourceId,
        albums[spec.album],
        `Matrix ${name} ${word}`,
        spec.visibility,
        randomBytes(32).toString("hex"),
        spec.allowOriginal ?? false,
      ],
    );
    const { id, media_secret: secret, created_at: createdAt } = rows[0]!;
    await pool.query(
      `INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size)
       SELECT $1, width, height, format, key, byte_size FROM photo_variants WHERE photo_id = $2`,
      [id, sourceId],
    );
    if (spec.grant) {
      await pool.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [named.id, id]);
    }
    const token =
      spec.link === "photo" ? await newLink({ photoId: id }) : spec.link === "album" ? albumToken : "";
    photos[name] = {
      exploreFrom: Buffer.from(
        JSON.stringify({
          t: new Date(createdAt.getTime() + 1).toISOString(),
          id: "ffffffff-ffff-ffff-ffff-ffffffffffff",
        }),
      ).toString("base64url"),
      id,
      secret,
      albumId: albums[spec.album],
      token,
      isPublic: spec.visibility === "PUBLIC",
    };
  }
  for (const photo of Object.values(photos)) photo.token ||= photos.link.token;

  world = {
    baseURL,
    pool,
    owner,
    named,
    word,
    photos,
    widths,
    tokens: {
      anonymous: null,
      linkHolder: null,
      other: await seedApiToken(pool, other.id),
      named: await seedApiToken(pool, named.id),
      owner: await seedApiToken(pool, owner.id),
    },
    viewers: {
      anonymous: await anonymousContext(playwright, baseURL),
      other: await signedInContext(playwright, baseURL, other),
      named: await signedInContext(playwright, baseURL, named),
      linkHolder: await anonymousContext(playwright, baseURL),
      owner: ownerContext,
    },
  };
});

test.afterAll(async () => {
  if (!world) return;
  await Promise.all(Object.values(world.viewers).map((c) => c.dispose()));
  await world.pool.end();
});

// ─── The paths ────────────────────────────────────────────────────────────────────────────────

interface Cell {
  viewer: ViewerKind;
  name: Case;
  photo: SeededPhoto;
  context: APIRequestContext;
  allowed: boolean;
  label: string;
}

type Probe = (cell: Cell) => Promise<void>;

// Each column's probe, or the issue that will bring it: adding a column is one line here.
const COLUMNS: Record<Path, Probe | { pending: string }> = {
  page: probePage,
  variants: probeVariants,
  original: probeOriginal,
  album: probeAlbum,
  stream: probeStream,
  explore: probeExplore,
  search: probeSearch,
  feed: probeFeed,
  apiV1: probeApiV1,
};

const viaLink = (cell: Cell) => cell.viewer === "linkHolder";
const linkQuery = (cell: Cell) => (viaLink(cell) ? `?s=${cell.photo.token}` : "");
const mediaBase = (photo: SeededPhoto) => `/media/${photo.id}/${photo.secret}`;

async function probePage(cell: Cell): Promise<void> {
  const { photo } = cell;
  const url = viaLink(cell) ? `/s/${photo.token}/${photo.id}` : `/photos/${photo.id}`;
  const res = await cell.context.get(url);
  const html = await res.text();
  expect.soft(res.status(), `${cell.label} ${url}`).toBe(cell.allowed ? 200 : 404);
  // The image itself, under this version's URL; a denial names no media of the photo at all.
  if (cell.allowed)
    expect.soft(html.includes(`${mediaBase(photo)}/w`), `${cell.label} ${url} shows it`).toBe(true);
  else expect.soft(html.includes(`/media/${photo.id}/`), `${cell.label} ${url} leaks media`).toBe(false);
}

async function probeVariants(cell: Cell): Promise<void> {
  for (const width of world.widths) {
    const url = `${mediaBase(cell.photo)}/w${width}.webp${linkQuery(cell)}`;
    const res = await cell.context.get(url);
    const label = `${cell.label} ${url}`;
    if (!cell.allowed) {
      expectDenied(res, label);
      continue;
    }
    expect.soft(res.status(), label).toBe(200);
    expect.soft(res.headers()["content-type"], label).toBe("image/webp");
    // Public media is the same for everyone: browsers keep it a year under its URL (a new secret
    // when access narrows), shared caches a minute, and only the ladder's widths, which a purge
    // names. Anything else is private, and a link's answers are kept by nobody once it is revoked.
    const shared = (VARIANT_LADDER as readonly number[]).includes(width) ? 60 : 0;
    const cacheControl = viaLink(cell)
      ? "private, no-store"
      : cell.photo.isPublic
        ? `public, max-age=31536000, immutable, s-maxage=${shared}`
        : "private, no-cache";
    expectCaching(res, cacheControl, label);
  }
}

async function probeOriginal(cell: Cell): Promise<void> {
  const url = `${mediaBase(cell.photo)}/original${linkQuery(cell)}`;
  const res = await cell.context.get(url);
  const label = `${cell.label} ${url}`;
  if (!cell.allowed) return expectDenied(res, label);
  expect.soft(res.status(), label).toBe(200);
  if (res.status() !== 200) return;
  expect.soft(res.headers()["content-disposition"] ?? "", label).toMatch(/^attachment;/);
  // The owner's copy as uploaded is kept by no cache; others' copy without location may be kept by
  // shared caches only when anyone may see the photo.
  const cacheControl =
    cell.viewer !== "owner" && !viaLink(cell) && cell.photo.isPublic
      ? "public, max-age=86400, s-maxage=60"
      : "private, no-store";
  expectCaching(res, cacheControl, label);
  // The location is the owner's alone.
  const gps = await exifr.gps(await res.body());
  if (cell.viewer === "owner") expect.soft(gps?.latitude, `${label} keeps GPS`).toBeDefined();
  else expect.soft(gps, `${label} has no GPS`).toBeUndefined();
}

async function probeAlbum(cell: Cell): Promise<void> {
  if (viaLink(cell)) return expectListed(cell, `/s/${cell.photo.token}`);
  await expectListed(cell, `/albums/${cell.photo.albumId}`);
  await expectListed(cell, `/api/photos?scope=album&album=${cell.photo.albumId}&limit=100`);
}

async function probeStream(cell: Cell): Promise<void> {
  await expectListed(cell, `/people/${world.owner.handle}`);
  await expectListed(cell, `/api/photos?scope=stream&owner=${world.owner.handle}&limit=100`);
}

async function probeExplore(cell: Cell): Promise<void> {
  // The page shows the newest 60: a photo that should be there may have been pushed off by other
  // tests' uploads, so the page is checked only for what must not be on it.
  if (!cell.allowed) await expectListed(cell, "/");
  await expectListed(cell, `/api/photos?scope=explore&before=${cell.photo.exploreFrom}&limit=20`);
}

async function probeSearch(cell: Cell): Promise<void> {
  await expectListed(cell, `/api/search?q=${world.word}`);
}

async function probeFeed(cell: Cell): Promise<void> {
  await expectListed(cell, "/api/photos?scope=feed&limit=100");
}

async function probeApiV1(cell: Cell): Promise<void> {
  const headers = bearer(world.tokens[cell.viewer]);
  // A request the API serves carries no cookie: the context's own is ignored there anyway.
  for (const url of [
    `/api/v1/photos/${cell.photo.id}`,
    `/api/v1/photos/${cell.photo.id}/download?size=w320`,
  ]) {
    const res = await cell.context.get(url, { headers });
    const label = `${cell.label} ${url}`;
    expect.soft(res.status(), label).toBe(cell.allowed ? 200 : 404);
    expect.soft(res.headers()["cache-control"], label).toBe("private, no-store");
    if (!cell.allowed) expect.soft(await res.json(), label).toMatchObject({ error: { code: "not_found" } });
  }
  await expectListed(cell, `/api/v1/photos?owner=${world.owner.handle}&limit=100`, headers);
}

function expectDenied(res: APIResponse, label: string): void {
  expect.soft(res.status(), label).toBe(404);
  expect.soft(res.headers()["cache-control"], label).toBe("no-store");
  expect.soft(res.headers()["content-type"] ?? "", label).not.toMatch(/^image\//);
}

function expectCaching(res: APIResponse, cacheControl: string, label: string): void {
  expect.soft(res.headers()["cache-control"], label).toBe(cacheControl);
  // An answer that depends on who asks says so, for any cache that keeps it anyway.
  if (cacheControl.startsWith("private")) expect.soft(res.headers()["vary"] ?? "", label).toMatch(/Cookie/i);
}

// Listings are the same page for every case: each viewer reads each one once (the world does not
// change while the matrix runs), soon after it is seeded, while the world's photos are the newest.
const listings = new Map<string, Promise<string>>();

function listing(viewer: ViewerKind, url: string, headers: Record<string, string> = {}): Promise<string> {
  const key = `${viewer} ${url}`;
  let body = listings.get(key);
  if (!body) {
    body = world.viewers[viewer].get(url, { headers }).then(async (res) => {
      // A listing the viewer may not open at all is a 404 (a private album, never a 403) or, for
      // a listing that is one's own (the home feed), a 401 without a session.
      expect([200, 401, 404], `${viewer} ${url}`).toContain(res.status());
      return res.status() === 200 ? res.text() : "";
    });
    listings.set(key, body);
  }
  return body;
}

async function expectListed(cell: Cell, url: string, headers: Record<string, string> = {}): Promise<void> {
  const body = await listing(cell.viewer, url, headers);
  const ids = url.startsWith("/api/")
    ? body
      ? ((JSON.parse(body) as { photos: { id: string }[] }).photos ?? []).map((p) => p.id)
      : []
    : null;
  const listed = ids ? ids.includes(cell.photo.id) : body.includes(cell.photo.id);
  expect.soft(listed, `${cell.label} ${url} lists it`).toBe(cell.allowed);
}

// ─── The tests ────────────────────────────────────────────────────────────────────────────────

test("the table has one row for every case and viewer", () => {
  const keys = EXPECT.map(([name, viewer]) => `${name} × ${viewer}`);
  const every = Object.keys(CASES).flatMap((name) => VIEWERS.map((viewer) => `${name} × ${viewer}`));
  expect(keys.sort()).toEqual(every.sort());
});

for (const [path, column] of Object.entries(COLUMNS)) {
  if ("pending" in column) {
    test(`${path}: every cell — skipped: this path does not exist until ${column.pending}`, () => {
      test.skip(
        true,
        `${path} does not exist yet: its cells are in the table, its probe comes with ${column.pending}`,
      );
    });
  }
}

// Case by case, so every viewer reads the listings in the first tests, right after seeding.
for (const [name, viewer, ...cells] of EXPECT) {
  test(`${name} × ${viewer}`, async () => {
    const photo = world.photos[name];
    for (const [i, path] of PATHS.entries()) {
      const column = COLUMNS[path];
      if ("pending" in column) {
        test.info().annotations.push({ type: "pending", description: `${path}: ${column.pending}` });
        continue;
      }
      await column({
        viewer,
        name,
        photo,
        context: world.viewers[viewer],
        allowed: cells[i]!,
        label: `${viewer} × ${name} × ${path}:`,
      });
    }
  });
}

// SECURITY.md case 6 over the matrix's viewers, with the page cache in the way: a change the owner
// makes in the app reaches each viewer's very next request, the cached photostream included.
test("a change reaches every viewer's next request, the visitors' cached photostream included", async () => {
  const { pool, owner, named, viewers } = world;
  const id = world.photos.public.id;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size,
                         sha256, width, height)
     SELECT owner_id, album_id, 'Matrix change', 'PUBLIC', 'READY', original_key, mime_type, byte_size, $2,
            width, height
     FROM photos WHERE id = $1 RETURNING id`,
    [id, randomBytes(32).toString("hex")],
  );
  const photo = rows[0]!.id;
  await pool.query(
    `INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size)
     SELECT $1, width, height, format, key, byte_size FROM photo_variants WHERE photo_id = $2`,
    [photo, id],
  );
  const version = async () =>
    (await pool.query<{ v: string }>("SELECT media_secret AS v FROM photos WHERE id = $1", [photo])).rows[0]!
      .v;
  const stream = `/people/${owner.handle}`;
  const streamApi = `/api/photos?scope=stream&owner=${owner.handle}&limit=100`;
  const act = async (key: string, arg: Record<string, unknown>) => {
    const call = await callAction(viewers.owner, await findAction(key), [arg], { origin: world.baseURL });
    expect(call.result, key).toMatchObject({ ok: true });
    return call.result;
  };
  const target = { kind: "photo", id: photo };

  // Public: in the visitors' photostream, the second time from the page cache.
  expect(await (await viewers.anonymous.get(stream)).text()).toContain(photo);
  const cached = await viewers.anonymous.get(stream);
  expect(cached.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(await cached.text()).toContain(photo);
  const v1 = await version();
  expect((await viewers.anonymous.get(`/media/${photo}/${v1}/w320.webp`)).status()).toBe(200);

  // Made private: gone from the cached page, the API, its page and its media at either version.
  await act("src/server/actions/access/set-visibility.ts#setVisibilityAction", {
    target,
    visibility: "PRIVATE",
  });
  const v2 = await version();
  expect(v2).not.toBe(v1);
  for (const who of ["anonymous", "other", "named"] as const) {
    const context = viewers[who];
    expect(await (await context.get(stream)).text(), who).not.toContain(photo);
    expect(await (await context.get(streamApi)).text(), who).not.toContain(photo);
    expect((await context.get(`/photos/${photo}`)).status(), who).toBe(404);
    for (const v of [v1, v2]) {
      expect((await context.get(`/media/${photo}/${v}/w320.webp`)).status(), `${who} v${v}`).toBe(404);
    }
  }

  // Shared with the named viewer: they see it; nobody else does, the cached page included.
  await act("src/server/actions/access/add-viewers.ts#addViewersAction", { target, people: [named.handle] });
  const v3 = await version();
  expect((await viewers.named.get(`/photos/${photo}`)).status()).toBe(200);
  expect((await viewers.named.get(`/media/${photo}/${v3}/w320.webp`)).status()).toBe(200);
  expect(await (await viewers.named.get(streamApi)).text()).toContain(photo);
  expect(await (await viewers.anonymous.get(stream)).text()).not.toContain(photo);
  expect((await viewers.other.get(`/media/${photo}/${v3}/w320.webp`)).status()).toBe(404);

  // A link to it opens it for its holder.
  const created = (await act("src/server/actions/share-links/create-share-link.ts#createShareLinkAction", {
    target: { photoId: photo },
    expiresIn: "never",
    password: "",
  })) as { link: { id: string; token: string } };
  const { token, id: linkId } = created.link;
  expect((await viewers.linkHolder.get(`/s/${token}`)).status()).toBe(200);
  expect((await viewers.linkHolder.get(`/media/${photo}/${v3}/w320.webp?s=${token}`)).status()).toBe(200);

  // The named viewer removed: refused at once, under the URLs they hold and the new ones.
  await act("src/server/actions/access/remove-viewer.ts#removeViewerAction", {
    target,
    handle: named.handle,
  });
  const v4 = await version();
  expect(v4).not.toBe(v3);
  expect((await viewers.named.get(`/photos/${photo}`)).status()).toBe(404);
  for (const v of [v3, v4]) {
    expect((await viewers.named.get(`/media/${photo}/${v}/w320.webp`)).status(), `v${v}`).toBe(404);
  }
  expect(await (await viewers.named.get(streamApi)).text()).not.toContain(photo);

  // The link revoked: its page and its media are refused on the next request.
  await act("src/server/actions/share-links/revoke-share-link.ts#revokeShareLinkAction", { linkId });
  expect((await viewers.linkHolder.get(`/s/${token}`)).status()).toBe(404);
  for (const v of [v3, v4]) {
    const res = await viewers.linkHolder.get(`/media/${photo}/${v}/w320.webp?s=${token}`);
    expect(res.status(), `v${v}`).toBe(404);
  }
});
