// SECURITY.md "Access control", cases 1–5, 8 (listings) and 9, over real HTTP against the
// production build: server actions called as Next's client calls them, spoofed routing headers,
// cross-site posts, every path a private photo could leak through, and cache headers.
import { randomBytes } from "node:crypto";
import exifr from "exifr";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expect, signIn, test } from "./support/fixtures";
import {
  type ActionArg,
  type ActionCall,
  anonymousContext,
  callAction,
  formOf,
  type ManifestAction,
  type Playwright,
  type Scene,
  seedScene,
  serverActions,
  signedInContext,
  snapshotOf,
  stateChangingRoutes,
} from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

const EVIL = "https://evil.example";
const SIGN_IN = /Sign in|session has ended/i;
const NOT_FOUND = /not found|No such|Choose one of your albums/i;

// ─── Case 1 (and 3 for actions): every server action ────────────────────────────────────────────

interface ActionContext {
  victim: SeededUser;
  scene: Scene;
  /** The victim's second signed-in browser (its session row id). */
  otherSession: string;
}

interface ActionRow {
  /** Arguments naming the victim's objects, as the UI would send them. */
  args: (c: ActionContext) => ActionArg[];
  /** What an anonymous caller gets back (a refusal the UI shows, or a redirect to sign in). */
  anonymous: RegExp | "redirect" | "nothing";
  /** What another user gets back for the victim's objects; "nothing" where the action has no object. */
  stranger: RegExp | "nothing";
}

// Every action the build has. A new one without a row here fails "every action has a row" below.
const ACTIONS: Record<string, ActionRow> = {
  "src/server/actions/update-photo-details.ts#updatePhotoDetailsAction": {
    args: ({ scene }) => [
      {},
      formOf({
        photoId: scene.photos[0]!,
        title: "Pwned",
        description: "",
        tags: "",
        albumId: scene.album,
        allowOriginal: ["off", "on"],
      }),
    ],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/delete-photo.ts#deletePhotoAction": {
    args: ({ scene }) => [{}, formOf({ photoId: scene.photos[0]! })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/revoke-session.ts#revokeSessionAction": {
    args: ({ otherSession }) => [formOf({ sessionId: otherSession })],
    anonymous: "redirect",
    // Scoped to the caller's own sessions: the victim's id matches nothing, and nothing is said.
    stranger: "nothing",
  },
  "src/server/actions/sign-out.ts#signOutAction": {
    args: () => [],
    anonymous: "nothing",
    stranger: "nothing",
  },
  "src/server/actions/sign-out-everywhere.ts#signOutEverywhereAction": {
    args: () => [],
    anonymous: "nothing",
    stranger: "nothing",
  },
  "src/server/actions/change-password.ts#changePasswordAction": {
    args: ({ victim }) => [
      {},
      formOf({ currentPassword: victim.password, newPassword: "a-new-password-1234" }),
    ],
    anonymous: SIGN_IN,
    // The stranger's own account, and the victim's password is not theirs.
    stranger: /current password|incorrect/i,
  },
  "src/server/actions/albums/create-album.ts#createAlbumAction": {
    args: () => [{}, formOf({ title: "Injected", description: "" })],
    anonymous: SIGN_IN,
    stranger: "nothing",
  },
  "src/server/actions/albums/update-album.ts#updateAlbumAction": {
    args: ({ scene }) => [{}, formOf({ albumId: scene.album, title: "Pwned", description: "" })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/albums/delete-album.ts#deleteAlbumAction": {
    args: ({ scene }) => [{ ok: false }, formOf({ albumId: scene.album })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/albums/reorder-album.ts#reorderAlbumAction": {
    args: ({ scene }) => [
      { albumId: scene.album, photoId: scene.photos[1]!, move: { kind: "step", direction: "earlier" } },
    ],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/albums/set-album-cover.ts#setAlbumCoverAction": {
    args: ({ scene }) => [{ albumId: scene.album, photoId: scene.photos[0]! }],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/organize/delete-photos.ts#deletePhotosAction": {
    args: ({ scene }) => [{}, formOf({ photoIds: scene.photos })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/organize/move-photos.ts#movePhotosAction": {
    args: ({ scene }) => [{}, formOf({ photoIds: [scene.photos[2]!], albumId: scene.album })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
  "src/server/actions/organize/set-photos-visibility.ts#setPhotosVisibilityAction": {
    args: ({ scene }) => [{}, formOf({ photoIds: scene.photos, visibility: "PUBLIC" })],
    anonymous: SIGN_IN,
    stranger: NOT_FOUND,
  },
};

// Anonymous by design: they are how one becomes signed in. Cross-site calls are still refused (below).
const ANONYMOUS_BY_DESIGN = new Set([
  "src/server/actions/sign-in.ts#signInAction",
  "src/server/actions/sign-up.ts#signUpAction",
  "src/server/actions/sign-in-with-provider.ts#signInWithProviderAction",
]);

test("every server action in the build has a row here, or is on the anonymous allow-list", async () => {
  const keys = (await serverActions()).map((a) => a.key).sort();
  expect(keys.length).toBeGreaterThan(10);
  const covered = keys.filter((k) => k in ACTIONS || ANONYMOUS_BY_DESIGN.has(k));
  expect(keys, "server actions without a security row in e2e/security.spec.ts").toEqual(covered);
  // And no row for an action that is gone.
  expect(Object.keys(ACTIONS).filter((k) => !keys.includes(k))).toEqual([]);
});

function expectAnswer(call: ActionCall, expected: RegExp | "redirect" | "nothing", who: string) {
  if (expected === "nothing") return;
  if (expected === "redirect") {
    expect(call.redirect, `${who}: ${call.status} ${call.body.slice(0, 300)}`).toMatch(/sign-in/);
    return;
  }
  expect(JSON.stringify(call.result ?? null), `${who}: ${call.status} ${call.body.slice(0, 300)}`).toMatch(
    expected,
  );
}

async function findAction(key: string): Promise<ManifestAction> {
  const action = (await serverActions()).find((a) => a.key === key);
  if (!action) throw new Error(`${key} is not in the build's server-reference manifest`);
  return action;
}

for (const [key, row] of Object.entries(ACTIONS)) {
  test(`action ${key.replace(/^src\/server\/actions\//, "")}: refuses anonymous, other users and other sites`, async ({
    playwright,
    baseURL,
    seedUser,
    db,
  }) => {
    const action = await findAction(key);
    const [victim, stranger] = await Promise.all([seedUser(), seedUser()]);
    const scene = await seedScene(db, victim.id, victim.defaultAlbumId);
    const victimContext = await signedInContext(playwright, baseURL!, victim);
    const secondBrowser = await signedInContext(playwright, baseURL!, victim);
    const strangerContext = await signedInContext(playwright, baseURL!, stranger);
    const anonymous = await anonymousContext(playwright, baseURL!);
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at, id",
      [victim.id],
    );
    const context: ActionContext = { victim, scene, otherSession: rows.at(-1)!.id };
    const args = row.args(context);
    const before = await snapshotOf(db, victim.id);

    // Anonymous: the action's own refusal; nothing of the victim's changes.
    const anon = await callAction(anonymous, action, args, { origin: baseURL! });
    expectAnswer(anon, row.anonymous, "anonymous");
    expect(await snapshotOf(db, victim.id), "after an anonymous call").toEqual(before);

    // Another user with the victim's ids: "not found" (never "forbidden"); nothing changes.
    const other = await callAction(strangerContext, action, args, { origin: baseURL! });
    expectAnswer(other, row.stranger, "another user");
    expect(await snapshotOf(db, victim.id), "after another user's call").toEqual(before);

    // Case 3: the victim's own cookie, sent by another site (or with no Origin at all).
    for (const origin of [EVIL, "null", null]) {
      const forged = await callAction(victimContext, action, args, { origin });
      expect(forged.status, `Origin ${origin}: ${forged.body.slice(0, 200)}`).not.toBe(404);
      expect(await snapshotOf(db, victim.id), `after a call with Origin ${origin}`).toEqual(before);
    }

    // The control: the same call by the victim from this site does change something, so the calls
    // above were well-formed and were refused for who made them.
    const own = await callAction(victimContext, action, args, { origin: baseURL! });
    expect(await snapshotOf(db, victim.id), `the owner's own call: ${own.body.slice(0, 300)}`).not.toEqual(
      before,
    );
    await Promise.all([victimContext, secondBrowser, strangerContext, anonymous].map((c) => c.dispose()));
  });
}

test("sign-in and sign-up from another site (or with no Origin) sign nobody in and create nobody", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  const signInAction = await findAction("src/server/actions/sign-in.ts#signInAction");
  const signUpAction = await findAction("src/server/actions/sign-up.ts#signUpAction");
  const handle = `csrf-${randomBytes(4).toString("hex")}`;
  const countSessions = async () =>
    (await db.query("SELECT 1 FROM sessions WHERE user_id = $1", [user.id])).rowCount;
  const countUsers = async () => (await db.query("SELECT 1 FROM users WHERE handle = $1", [handle])).rowCount;
  const signInForm = formOf({ email: user.email, password: user.password, callbackUrl: "/" });
  const signUpForm = formOf({
    email: `${handle}@example.test`,
    displayName: "Forged",
    handle,
    password: "a-long-password-1234",
  });
  for (const origin of [EVIL, "null", null]) {
    const context = await anonymousContext(playwright, baseURL!);
    await callAction(context, signInAction, [{}, signInForm], { origin });
    await callAction(context, signUpAction, [{}, signUpForm], { origin });
    expect(await countSessions(), `sign-in with Origin ${origin}`).toBe(0);
    expect(await countUsers(), `sign-up with Origin ${origin}`).toBe(0);
    const cookies = (await context.storageState()).cookies.map((c) => c.name);
    expect(cookies.filter((n) => n.includes("session-token"))).toEqual([]);
    await context.dispose();
  }
  // The control: from this site, both work.
  const context = await anonymousContext(playwright, baseURL!);
  const signedIn = await callAction(context, signInAction, [{}, signInForm], {
    origin: baseURL!,
    page: "/sign-in",
  });
  expect(await countSessions(), signedIn.body.slice(0, 200)).toBe(1);
  await callAction(context, signUpAction, [{}, signUpForm], { origin: baseURL!, page: "/sign-up" });
  expect(await countUsers()).toBe(1);
  await context.dispose();
});

// ─── Case 3 for route handlers ──────────────────────────────────────────────────────────────────

interface RouteCheck {
  /** Sends the state-changing request with the given Origin (null: none) as the signed-in victim. */
  send: (context: APIRequestContext, origin: string | null, baseURL: string) => Promise<APIResponse>;
  /** Whether the victim's state changed: counted before and after. */
  state: (db: pg.Pool, victim: SeededUser, context: APIRequestContext) => Promise<unknown>;
}

const originHeader = (origin: string | null): Record<string, string> => (origin === null ? {} : { origin });

const ROUTES: Record<string, RouteCheck> = {
  "POST /api/uploads": {
    send: async (context, origin) =>
      context.post("/api/uploads", {
        data: await fixture("gps", "DSCN0010.jpg"),
        headers: {
          "content-type": "application/octet-stream",
          "x-upload-filename": `forged-${randomBytes(3).toString("hex")}.jpg`,
          ...originHeader(origin),
        },
      }),
    state: async (db, victim) =>
      (await db.query("SELECT 1 FROM photos WHERE owner_id = $1", [victim.id])).rowCount,
  },
  // next-auth's own endpoints (sign-in, sign-out callbacks) check its double-submit CSRF token.
  "POST /api/auth/[...nextauth]": {
    send: (context, origin) =>
      context.post("/api/auth/signout", {
        form: { callbackUrl: "/" },
        headers: originHeader(origin),
        maxRedirects: 0,
      }),
    state: async (_db, _victim, context) => {
      const session = (await (await context.get("/api/auth/session")).json()) as { account?: { id: string } };
      return session?.account?.id ?? null;
    },
  },
};

test("every state-changing route handler has a cross-site row here", async () => {
  expect(await stateChangingRoutes()).toEqual(Object.keys(ROUTES).sort());
});

for (const [name, route] of Object.entries(ROUTES)) {
  test(`route ${name}: refuses another site's post, and one without an Origin`, async ({
    playwright,
    baseURL,
    seedUser,
    db,
  }) => {
    const victim = await seedUser();
    const context = await signedInContext(playwright, baseURL!, victim);
    const before = await route.state(db, victim, context);
    expect(before).not.toBeNull();
    for (const origin of [EVIL, "null", null]) {
      const res = await route.send(context, origin, baseURL!);
      expect(res.status(), `Origin ${origin}`).toBeGreaterThanOrEqual(300);
      expect(await route.state(db, victim, context), `after Origin ${origin}`).toEqual(before);
    }
    await context.dispose();
  });
}

// ─── A private photo, and everyone who may not see it ──────────────────────────────────────────

interface PrivatePhoto {
  owner: SeededUser;
  id: string;
  version: number;
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
  const { rows: updated } = await db.query<{ access_version: number }>(
    `UPDATE photos SET visibility = 'PRIVATE', title = $2, description = $3, album_id = $4,
            access_version = access_version + 1
     WHERE id = $1 RETURNING access_version`,
    [photo.id, title, description, rows[0]!.id],
  );
  await context.dispose();
  return {
    owner,
    id: photo.id,
    version: updated[0]!.access_version,
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
  const media = `/media/${photo.id}/${photo.version}`;
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
    `/Media/${photo.id}/${photo.version}/w320.webp`,
    `${media}/W320.WEBP`,
    `${media}/ORIGINAL`,
    `/photos%2F${photo.id}`,
    `/photos%252F${photo.id}`,
    `/media%2F${photo.id}%2F${photo.version}%2Fw320.webp`,
    `/media/${photo.id}%2F${photo.version}%2Foriginal`,
    `/media/${photo.id}/${photo.version}/%2E%2E/${photo.version}/original`,
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
  const media = `/media/${photo.id}/${photo.version}`;
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
    for (const url of [`${media}/w320.webp`, `${media}/original`, `/media/${photo.id}/${photo.version}`]) {
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
  const url = `/media/${photo.id}/${photo.version}/w640.webp`;
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

  // Public: cacheable by anyone for a year under this versioned URL.
  await db.query("UPDATE photos SET visibility = 'PUBLIC' WHERE id = $1", [photo.id]);
  const pub = await anonymous.get(url);
  expect(pub.status()).toBe(200);
  expect(pub.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  // Made private again through the app: a new version, and the old URL is refused, to everyone.
  const visibility = await findAction(
    "src/server/actions/organize/set-photos-visibility.ts#setPhotosVisibilityAction",
  );
  await callAction(ownerContext, visibility, [{}, formOf({ photoIds: [photo.id], visibility: "PRIVATE" })], {
    origin: baseURL!,
  });
  const { rows } = await db.query<{ access_version: number }>(
    "SELECT access_version FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(rows[0]!.access_version).toBe(photo.version + 1);
  for (const context of [anonymous, strangerContext, ownerContext]) {
    expect((await context.get(url)).status()).toBe(404);
  }
  expect((await ownerContext.get(`/media/${photo.id}/${rows[0]!.access_version}/w640.webp`)).status()).toBe(
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

// ─── Originals for others, without GPS ──────────────────────────────────────────────────────────

test("originals: the owner's as uploaded; others' only when allowed, without GPS, never cached with the owner's", async ({
  page,
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const uploadedBytes = await fixture("gps", "DSCN0027.jpg");
  const res = await postUpload(ownerContext, baseURL!, uploadedBytes, "DSCN0027.jpg");
  const { photo } = (await res.json()) as { photo: { id: string } };
  const version = (await waitForProcessed(db, photo.id)).access_version;
  const original = `/media/${photo.id}/${version}/original`;
  const strangerContext = await signedInContext(playwright, baseURL!, stranger);
  const anonymous = await anonymousContext(playwright, baseURL!);

  // The owner: the very bytes uploaded, GPS and all, as an attachment nobody caches.
  const own = await ownerContext.get(original);
  expect(own.status()).toBe(200);
  expect((await own.body()).equals(uploadedBytes)).toBe(true);
  expect(own.headers()).toMatchObject({
    "content-disposition": expect.stringMatching(/^attachment; filename="DSCN0027\.jpg"/),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    vary: expect.stringMatching(/Cookie/i),
  });
  expect((await exifr.gps(await own.body()))?.latitude).toBeDefined();

  // Others: not until the owner allows it, even though the photo is public.
  for (const context of [strangerContext, anonymous])
    expect((await context.get(original)).status()).toBe(404);

  // The owner ticks the box on the photo page.
  await signIn(page, owner);
  await page.goto(`/photos/${photo.id}`);
  await page.getByTestId("photo-edit").click();
  await page.getByLabel("Let others download the original").check();
  await page.getByTestId("photo-edit-save").click();
  await expect(page.getByTestId("photo-edit-status")).toHaveText("Saved.");
  const { rows } = await db.query<{ allow_original: boolean; access_version: number }>(
    "SELECT allow_original, access_version FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(rows[0]).toEqual({ allow_original: true, access_version: version });

  // A visitor sees the link, and gets the file without its location, the rest of EXIF intact.
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`/photos/${photo.id}`);
  await expect(visitor.getByTestId("photo-download-original")).toHaveAttribute("href", original);
  await visitor.close();
  for (const context of [strangerContext, anonymous]) {
    const theirs = await context.get(original);
    expect(theirs.status()).toBe(200);
    const body = await theirs.body();
    expect(await exifr.gps(body)).toBeUndefined();
    expect(body.includes("exif:GPS")).toBe(false);
    expect(await exifr.parse(body, { pick: ["Make", "Model"] })).toEqual({
      Make: "NIKON",
      Model: "COOLPIX P6000",
    });
    expect(body.length).toBeLessThan(uploadedBytes.length);
    expect(theirs.headers()).toMatchObject({
      "content-type": "image/jpeg",
      "content-disposition": expect.stringMatching(/^attachment; filename="DSCN0027\.jpg"/),
      "x-content-type-options": "nosniff",
      // Public photo: the location-free copy may be cached publicly, for a day, keyed on the cookie.
      "cache-control": "public, max-age=86400",
      vary: expect.stringMatching(/Cookie/i),
    });
  }
  // The owner still gets theirs, GPS included, never publicly cacheable.
  const ownAgain = await ownerContext.get(original);
  expect((await ownAgain.body()).equals(uploadedBytes)).toBe(true);
  expect(ownAgain.headers()["cache-control"]).toBe("private, no-store");

  // Private photo: allowing downloads widens nothing; a named viewer would get a private copy.
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photo.id]);
  for (const context of [strangerContext, anonymous])
    expect((await context.get(original)).status()).toBe(404);
  await db.query("UPDATE photos SET visibility = 'PUBLIC' WHERE id = $1", [photo.id]);

  // Unticked: a new version, and the old URL (which a shared cache may hold) is refused.
  await page.goto(`/photos/${photo.id}`);
  await page.getByTestId("photo-edit").click();
  await page.getByLabel("Let others download the original").uncheck();
  await page.getByTestId("photo-edit-save").click();
  await expect(page.getByTestId("photo-edit-status")).toHaveText("Saved.");
  for (const context of [strangerContext, anonymous, ownerContext]) {
    expect((await context.get(original)).status()).toBe(404);
  }
  expect((await anonymous.get(`/media/${photo.id}/${version + 1}/original`)).status()).toBe(404);
  expect((await ownerContext.get(`/media/${photo.id}/${version + 1}/original`)).status()).toBe(200);
  await Promise.all([ownerContext, strangerContext, anonymous].map((c) => c.dispose()));
});

test("originals: a HEIC goes to others as a full-size JPEG named .jpg, without metadata", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const res = await postUpload(
    ownerContext,
    baseURL!,
    await fixture("heic", "IMG_5195.HEIC"),
    "IMG_5195.HEIC",
  );
  expect(res.status()).toBe(201);
  const { photo } = (await res.json()) as { photo: { id: string } };
  const row = await waitForProcessed(db, photo.id);
  expect(row.status).toBe("READY");
  await db.query("UPDATE photos SET allow_original = true WHERE id = $1", [photo.id]);
  const anonymous = await anonymousContext(playwright, baseURL!);
  const theirs = await anonymous.get(`/media/${photo.id}/${row.access_version}/original`, {
    timeout: 60_000,
  });
  expect(theirs.status()).toBe(200);
  expect(theirs.headers()).toMatchObject({
    "content-type": "image/jpeg",
    "content-disposition": expect.stringMatching(/^attachment; filename="IMG_5195\.jpg"/),
  });
  const body = await theirs.body();
  expect(await exifr.gps(body)).toBeUndefined();
  const sharp = (await import("sharp")).default;
  const meta = await sharp(body).metadata();
  expect([meta.width, meta.height, meta.exif, meta.xmp]).toEqual([2566, 3313, undefined, undefined]);
  await Promise.all([ownerContext, anonymous].map((c) => c.dispose()));
});
