// SECURITY.md "Access control" cases 2, 4, 5 and 9 over real HTTP against the production build: a
// private photo through spoofed routing headers, RSC and encoded variants, every path it could
// surface on, its cache headers, and the ids in URLs.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expect, test } from "./support/fixtures";
import {
  anonymousContext,
  callAction,
  findAction,
  formOf,
  type Playwright,
  signedInContext,
} from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

// ─── A private photo, and everyone who may not see it ──────────────────────────────────────────

interface PrivatePhoto {
  owner: SeededUser;
  id: string;
  /** The media secret in its URLs (/media/<id>/<secret>/<file>). */
  secret: string;
  album: string;
  title: string;
  description: string;
  originalName: string;
  albumTitle: string;
}

/** An uploaded GPS photo, processed, private, in a private album with a telling title. */
async function privatePhoto(
  playwright: Playwright,
  baseURL: string,
  db: pg.Pool,
  owner: SeededUser,
): Promise<PrivatePhoto> {
  const context = await signedInContext(playwright, baseURL, owner);
  const tag = randomBytes(4).toString("hex");
  const originalName = `secret-${tag}.jpg`;
  const res = await postUpload(context, baseURL, await fixture("gps", "DSCN0012.jpg"), originalName);
  expect(res.status(), await res.text()).toBe(201);
  const { photo } = (await res.json()) as { photo: { id: string } };
  const row = await waitForProcessed(db, photo.id);
  expect(row.status).toBe("READY");
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, $2, 'PRIVATE') RETURNING id",
    [owner.id, `Album-${tag}`],
  );
  const title = `Title-${tag}`;
  const description = `Description-${tag}`;
  const { rows: updated } = await db.query<{ media_secret: string }>(
    `UPDATE photos SET visibility = 'PRIVATE', title = $2, description = $3, album_id = $4,
            access_version = access_version + 1
     WHERE id = $1 RETURNING media_secret`,
    [photo.id, title, description, rows[0]!.id],
  );
  await context.dispose();
  return {
    owner,
    id: photo.id,
    secret: updated[0]!.media_secret,
    album: rows[0]!.id,
    title,
    description,
    originalName,
    albumTitle: `Album-${tag}`,
  };
}

/** Nothing in the answer that only someone with access could know. */
function expectNoPrivateData(body: string, photo: PrivatePhoto, label: string) {
  for (const secret of [
    photo.title,
    photo.description,
    photo.originalName,
    photo.albumTitle,
    `/media/${photo.id}/`,
    // DSCN0012.jpg's coordinates, as the owner's page prints them and as EXIF numbers.
    "43.46716",
    "11.88539",
  ]) {
    expect(body.includes(secret), `${label} leaks ${secret}`).toBe(false);
  }
}

test("case 2: spoofed middleware headers, RSC and prefetch variants, encodings and case variants show no private data", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const photo = await privatePhoto(playwright, baseURL!, db, owner);
  const media = `/media/${photo.id}/${photo.secret}`;
  const paths = [
    `/photos/${photo.id}`,
    `/albums/${photo.album}`,
    `${media}/w320.webp`,
    `${media}/original`,
    // Trailing slashes, `.rsc` suffixes, `?_rsc=`, case variants, %2F and double-encoded slashes.
    `/photos/${photo.id}/`,
    `/albums/${photo.album}/`,
    `${media}/w320.webp/`,
    `/photos/${photo.id}.rsc`,
    `/albums/${photo.album}.rsc`,
    `/photos/${photo.id}?_rsc=1x2y3`,
    `/PHOTOS/${photo.id}`,
    `/photos/${photo.id.toUpperCase()}`,
    `/Media/${photo.id}/${photo.secret}/w320.webp`,
    `${media}/W320.WEBP`,
    `${media}/ORIGINAL`,
    `/photos%2F${photo.id}`,
    `/photos%252F${photo.id}`,
    `/media%2F${photo.id}%2F${photo.secret}%2Fw320.webp`,
    `/media/${photo.id}%2F${photo.secret}%2Foriginal`,
    `/media/${photo.id}/${photo.secret}/%2E%2E/${photo.secret}/original`,
    `/albums%2F${photo.album}`,
  ];
  const headerSets: Record<string, string>[] = [
    {},
    { "x-middleware-subrequest": "middleware" },
    {
      "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    },
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    { "x-middleware-subrequest": "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy" },
    { rsc: "1" },
    { rsc: "1", "next-router-prefetch": "1" },
    { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
    { "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }])) },
    {
      "x-invoke-path": `/photos/${photo.id}`,
      "x-invoke-query": "{}",
      "x-matched-path": `/photos/${photo.id}`,
    },
  ];
  const viewers = {
    anonymous: await anonymousContext(playwright, baseURL!),
    "another user": await signedInContext(playwright, baseURL!, stranger),
  };
  for (const [who, context] of Object.entries(viewers)) {
    for (const headers of headerSets) {
      for (const path of paths) {
        const label = `${who} ${path} ${JSON.stringify(headers)}`;
        const res = await context.get(path, { headers });
        const body = await res.text();
        expectNoPrivateData(body, photo, label);
        // Plain document and media URLs answer 404; RSC answers carry their own not-found tree.
        if (Object.keys(headers).length === 0 && !path.includes(".rsc") && !path.includes("_rsc")) {
          expect(res.status(), label).toBe(404);
        }
        expect(res.headers()["content-type"] ?? "", label).not.toMatch(/^image\//);
      }
    }
  }
  // The control: the owner does get the page and the image at the plain URLs.
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const page = await ownerContext.get(`/photos/${photo.id}`);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain(photo.title);
  expect((await ownerContext.get(`${media}/w320.webp`)).status()).toBe(200);
  for (const c of [...Object.values(viewers), ownerContext]) await c.dispose();
});

// Paths a private photo could surface on. Search, feeds and the public API do not exist yet: each
// gets a row here when it does (with `owner` naming the photo's owner for per-user paths).
const LISTING_PATHS: ((p: PrivatePhoto) => string)[] = [
  () => "/",
  (p) => `/people/${p.owner.handle}`,
  (p) => `/albums/${p.album}`,
  (p) => `/albums/${p.owner.defaultAlbumId}`,
  () => "/api/photos?scope=explore&limit=100",
  (p) => `/api/photos?scope=stream&owner=${p.owner.handle}&limit=100`,
  (p) => `/api/photos?scope=album&album=${p.album}`,
  (p) => `/api/photos?scope=album&album=${p.owner.defaultAlbumId}`,
  () => "/sitemap.xml",
  () => "/robots.txt",
  (p) => `/photos/${p.id}`,
];

test("case 4: a private photo shows up nowhere for anyone without access: pages, lists, API, meta tags, /_next/image", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const photo = await privatePhoto(playwright, baseURL!, db, owner);
  const media = `/media/${photo.id}/${photo.secret}`;
  const viewers = {
    anonymous: await anonymousContext(playwright, baseURL!),
    "another user": await signedInContext(playwright, baseURL!, stranger),
  };
  for (const [who, context] of Object.entries(viewers)) {
    for (const pathOf of LISTING_PATHS) {
      const res = await context.get(pathOf(photo));
      expectNoPrivateData(await res.text(), photo, `${who} ${pathOf(photo)}`);
    }
    for (const width of [50, 240, 320, 500, 640, 800, 1024, 1600, 2048, 9999]) {
      expect((await context.get(`${media}/w${width}.webp`)).status(), `${who} w${width}`).toBe(404);
    }
    expect((await context.get(`${media}/original`)).status()).toBe(404);
  }

  // The owner sees it in their own lists, and even their page has no link-preview tags for it.
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const stream = await ownerContext.get(`/api/photos?scope=stream&owner=${owner.handle}`);
  expect(await stream.text()).toContain(photo.id);
  const html = await (await ownerContext.get(`/photos/${photo.id}`)).text();
  expect(html).toContain(photo.title);
  expect(html).not.toMatch(/<meta[^>]+property="og:/);
  expect(html).not.toMatch(/<meta[^>]+name="twitter:/);

  // The image optimizer serves nothing, to anyone: it cannot hand out or cache private media (nor
  // public media, which the media route serves itself).
  for (const [who, context] of Object.entries({ ...viewers, owner: ownerContext })) {
    for (const url of [`${media}/w320.webp`, `${media}/original`, `/media/${photo.id}/${photo.secret}`]) {
      const res = await context.get(`/_next/image?url=${encodeURIComponent(url)}&w=640&q=75`);
      expect(res.status(), `${who} /_next/image ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.headers()["content-type"] ?? "").not.toMatch(/^image\//);
    }
  }
  for (const c of [...Object.values(viewers), ownerContext]) await c.dispose();
});

test("case 5: private media is private, no-cache, Vary: Cookie; public is immutable; going private changes the URL", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const photo = await privatePhoto(playwright, baseURL!, db, owner);
  const url = `/media/${photo.id}/${photo.secret}/w640.webp`;
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const strangerContext = await signedInContext(playwright, baseURL!, stranger);
  const anonymous = await anonymousContext(playwright, baseURL!);

  const mine = await ownerContext.get(url);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["cache-control"]).toMatch(/^private, (no-cache|no-store)/);
  expect(mine.headers()["vary"]).toMatch(/Cookie/i);
  const etag = mine.headers()["etag"]!;
  for (const [who, context] of [
    ["another user", strangerContext],
    ["anonymous", anonymous],
  ] as const) {
    // Same URL, and even the owner's validator: no cached copy is handed over.
    for (const headers of [{}, { "if-none-match": etag }] as Record<string, string>[]) {
      const res = await context.get(url, { headers });
      expect(res.status(), `${who} ${JSON.stringify(headers)}`).toBe(404);
      expect(res.headers()["cache-control"]).toBe("no-store");
    }
  }

  // Public: browsers keep it a year under this URL; shared caches ask again within a minute.
  await db.query("UPDATE photos SET visibility = 'PUBLIC' WHERE id = $1", [photo.id]);
  const pub = await anonymous.get(url);
  expect(pub.status()).toBe(200);
  expect(pub.headers()["cache-control"]).toBe("public, max-age=31536000, immutable, s-maxage=60");

  // Made private again through the app: a new version, and the old URL is refused, to everyone.
  const visibility = await findAction(
    "src/server/actions/organize/set-photos-visibility.ts#setPhotosVisibilityAction",
  );
  await callAction(ownerContext, visibility, [{}, formOf({ photoIds: [photo.id], visibility: "PRIVATE" })], {
    origin: baseURL!,
  });
  const { rows } = await db.query<{ media_secret: string }>("SELECT media_secret FROM photos WHERE id = $1", [
    photo.id,
  ]);
  expect(rows[0]!.media_secret).not.toBe(photo.secret);
  for (const context of [anonymous, strangerContext, ownerContext]) {
    expect((await context.get(url)).status()).toBe(404);
  }
  expect((await ownerContext.get(`/media/${photo.id}/${rows[0]!.media_secret}/w640.webp`)).status()).toBe(
    200,
  );
  await Promise.all([ownerContext, strangerContext, anonymous].map((c) => c.dispose()));
});

test("case 9: photo and album ids are random UUIDs (v4), not sequential", async ({
  playwright,
  baseURL,
  seedUser,
}) => {
  const owner = await seedUser();
  const context = await signedInContext(playwright, baseURL!, owner);
  const createAlbum = await findAction("src/server/actions/albums/create-album.ts#createAlbumAction");
  const photoIds: string[] = [];
  const albumIds: string[] = [];
  for (const name of ["DSCN0021.jpg", "DSCN0025.jpg", "DSCN0027.jpg"]) {
    const res = await postUpload(context, baseURL!, await fixture("gps", name), name);
    expect(res.status()).toBe(201);
    photoIds.push(((await res.json()) as { photo: { id: string } }).photo.id);
    const created = await callAction(context, createAlbum, [{}, formOf({ title: name, description: "" })], {
      origin: baseURL!,
    });
    albumIds.push((created.result as { albumId: string }).albumId);
  }
  for (const ids of [photoIds, albumIds]) {
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i++) {
      const a = BigInt(`0x${ids[i - 1]!.replaceAll("-", "")}`);
      const b = BigInt(`0x${ids[i]!.replaceAll("-", "")}`);
      const gap = a > b ? a - b : b - a;
      // Consecutive ids a counter or a clock would make sit close together; random ones do not.
      expect(gap > 2n ** 64n, `${ids[i - 1]} → ${ids[i]}`).toBe(true);
      // Nor do they share a time-ordered prefix (UUIDv7, ULID).
      expect(ids[i]!.slice(0, 8)).not.toBe(ids[i - 1]!.slice(0, 8));
    }
  }
  await context.dispose();
});
