// SECURITY.md 39 (issue 19, finding 7): every page type carries a CSP (a per-request nonce on pages
// rendered per request, the cache-compatible policy on photostreams), frame-ancestors 'none' and
// X-Frame-Options DENY, X-Content-Type-Options, Referrer-Policy and Permissions-Policy; HSTS only
// when a trusted proxy says the request came over https. And the attack itself: a page on another
// origin frames the owner's private photo page, and the browser refuses to render it.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expect, signIn, test } from "./support/fixtures";
import { anonymousContext, signedInContext } from "./support/security";
import { startServer, killHard } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

// This helper's extra ports (3421-3429): a server trusting loopback as its proxy, and the framing site.
const TRUSTING_PORT = 3421;
const FRAMING_PORT = 3422;

interface Scene {
  owner: SeededUser;
  photo: { id: string; secret: string };
  title: string;
  album: string;
  tag: string;
  shareToken: string;
}

/** A public photo (uploaded and processed), in a public album, tagged, with a share link. */
async function seedScene(request: APIRequestContext, baseURL: string, db: pg.Pool, owner: SeededUser) {
  const tag = `h${randomBytes(4).toString("hex")}`;
  const res = await postUpload(request, baseURL, await fixture("gps", "DSCN0021.jpg"), `${tag}.jpg`);
  expect(res.status(), await res.text()).toBe(201);
  const { photo } = (await res.json()) as { photo: { id: string } };
  const row = await waitForProcessed(db, photo.id);
  expect(row.status).toBe("READY");
  const { rows: albums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, $2, 'PUBLIC') RETURNING id",
    [owner.id, `Album ${tag}`],
  );
  const title = `Title ${tag}`;
  await db.query(
    "UPDATE photos SET title = $2, tags = $3, album_id = $4, visibility = 'PUBLIC' WHERE id = $1",
    [photo.id, title, [tag], albums[0]!.id],
  );
  const shareToken = randomBytes(24).toString("base64url");
  await db.query("INSERT INTO share_links (token, created_by_id, photo_id) VALUES ($1, $2, $3)", [
    shareToken,
    owner.id,
    photo.id,
  ]);
  return {
    owner,
    photo: { id: photo.id, secret: row.media_secret },
    title,
    album: albums[0]!.id,
    tag,
    shareToken,
  } satisfies Scene;
}

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .find((d) => d.trim().startsWith("script-src"))
    ?.trim() ?? "";
const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? null;

/** The headers every answer carries, whatever it is. */
function expectCommonHeaders(res: APIResponse, label: string) {
  const h = res.headers();
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["strict-transport-security"], `${label}: no HSTS over plain http`).toBeUndefined();
}

/** A document: framing refused, referrer trimmed, features off, and a CSP that allows no injection. */
async function expectPageHeaders(res: APIResponse, label: string, kind: "nonce" | "cached") {
  expect(res.status(), label).toBe(200);
  expectCommonHeaders(res, label);
  const h = res.headers();
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["referrer-policy"], label).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/);
  expect(h["permissions-policy"], label).toContain("camera=()");
  expect(h["permissions-policy"], label).toContain("geolocation=()");
  const csp = h["content-security-policy"] ?? "";
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toContain("base-uri 'self'");
  expect(csp, label).not.toContain("unsafe-eval");
  const html = await res.text();
  if (kind === "nonce") {
    const nonce = nonceOf(csp);
    expect(nonce, `${label}: a nonce`).not.toBeNull();
    expect(scriptSrc(csp), label).toContain("'strict-dynamic'");
    expect(scriptSrc(csp), label).not.toContain("'unsafe-inline'");
    // Every script Next wrote carries this request's nonce. (JSON-LD is a data block the browser
    // never runs, so CSP's script-src does not apply to it.)
    const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter(
      (t) => !t.includes('type="application/ld+json"'),
    );
    expect(scripts.length, label).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
  } else {
    // The page cache's HTML is the same for everyone: no nonce can be in it.
    expect(nonceOf(csp), label).toBeNull();
    expect(scriptSrc(csp), label).toBe("script-src 'self' 'unsafe-inline'");
  }
}

test("every page type, the API and media carry the security headers", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const scene = await seedScene(ownerContext, baseURL!, db, owner);
  const anonymous = await anonymousContext(playwright, baseURL!);

  const anonymousPages: [string, "nonce" | "cached"][] = [
    [`/photos/${scene.photo.id}`, "nonce"],
    ["/", "nonce"],
    [`/people/${owner.handle}`, "cached"],
    [`/albums/${scene.album}`, "nonce"],
    [`/tags/${scene.tag}`, "nonce"],
    [`/search?q=${encodeURIComponent(scene.title)}`, "nonce"],
    [`/s/${scene.shareToken}`, "nonce"],
    ["/sign-in", "nonce"],
  ];
  for (const [path, kind] of anonymousPages) {
    await expectPageHeaders(await anonymous.get(path), `anonymous ${path}`, kind);
  }
  for (const [path, kind] of [
    ["/settings", "nonce"],
    [`/photos/${scene.photo.id}`, "nonce"],
    // Signed in, the photostream is rendered per request but still skips the proxy: the same policy.
    [`/people/${owner.handle}`, "cached"],
  ] as const) {
    await expectPageHeaders(await ownerContext.get(path), `owner ${path}`, kind);
  }
  // A share page also keeps its token out of Referer headers.
  expect((await anonymous.get(`/s/${scene.shareToken}`)).headers()["referrer-policy"]).toBe("no-referrer");

  // A fresh nonce on every request.
  const nonces = await Promise.all(
    [1, 2].map(async () => nonceOf((await anonymous.get("/sign-in")).headers()["content-security-policy"]!)),
  );
  expect(nonces[0]).not.toBe(nonces[1]);

  // API JSON: nothing may load or frame it.
  for (const path of ["/api/photos?scope=explore&limit=1", "/api/v1/openapi.json"]) {
    const res = await anonymous.get(path);
    expect(res.status(), path).toBe(200);
    expectCommonHeaders(res, path);
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
  }

  // Media: answered by npm start's front (a public thumbnail) or by the route (a share link's).
  const media = `/media/${scene.photo.id}/${scene.photo.secret}/w320.webp`;
  for (const path of [media, `${media}?s=${scene.shareToken}`]) {
    const res = await anonymous.get(path);
    expect(res.status(), path).toBe(200);
    expectCommonHeaders(res, path);
    expect(res.headers()["content-security-policy"], path).toContain("default-src 'none'");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
  }

  // A client's own claim of https is not believed: no HSTS from a server that trusts no proxy.
  const claimed = await anonymous.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  await Promise.all([ownerContext, anonymous].map((c) => c.dispose()));
});

test("HSTS is sent when a trusted proxy says the request came over https, and only then", async ({
  playwright,
  seedUser,
  db,
}) => {
  const server = await startServer(TRUSTING_PORT, { TRUSTED_PROXIES: "loopback" });
  try {
    const owner = await seedUser();
    const ownerContext = await signedInContext(playwright, server.baseURL, owner);
    const scene = await seedScene(ownerContext, server.baseURL, db, owner);
    const anonymous = await anonymousContext(playwright, server.baseURL);
    const paths = [
      `/photos/${scene.photo.id}`,
      `/people/${owner.handle}`,
      "/api/v1/openapi.json",
      `/media/${scene.photo.id}/${scene.photo.secret}/w320.webp`,
    ];
    for (const path of paths) {
      const https = await anonymous.get(path, { headers: { "x-forwarded-proto": "https" } });
      expect(https.status(), path).toBe(200);
      expect(https.headers()["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
      const http = await anonymous.get(path, { headers: { "x-forwarded-proto": "http" } });
      expect(http.headers()["strict-transport-security"], path).toBeUndefined();
    }
    await Promise.all([ownerContext, anonymous].map((c) => c.dispose()));
  } finally {
    await killHard(server);
  }
});

test("a page on another origin frames the owner's private photo page: the browser refuses to render it", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const scene = await seedScene(page.context().request, baseURL!, db, owner);
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [scene.photo.id]);
  const target = `${baseURL}/photos/${scene.photo.id}`;
  // Another origin (another port), same site: the owner's session cookie goes along with the frame,
  // as in the review's attack.
  const framing: Server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>Win a prize</title><iframe id="victim" src="${target}" width="1000" height="800"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framing.listen(FRAMING_PORT, "127.0.0.1", resolve));
  try {
    // The control: at its own address, the owner's page shows the photo and its owner's buttons.
    await page.goto(target);
    await expect(page.getByTestId("photo-title")).toHaveText(scene.title);
    await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();

    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors|X-Frame-Options/.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${FRAMING_PORT}/`);
    await page.locator("#victim").waitFor();
    await expect
      .poll(() => refusals.length, { message: "the browser reports the refused frame" })
      .toBeGreaterThan(0);
    // Nothing of the page is in the frame: no title, no button to press.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const shown = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
    expect(shown).not.toContain(scene.title);
    expect(await page.frameLocator("#victim").getByRole("button").count()).toBe(0);
  } finally {
    await new Promise<void>((resolve) => framing.close(() => resolve()));
  }
});

test("the nonce policy breaks nothing: pages hydrate with no CSP violation", async ({
  page,
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const uploader = await signedInContext(playwright, baseURL!, owner);
  const scene = await seedScene(uploader, baseURL!, db, owner);
  await uploader.dispose();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  for (const path of [`/photos/${scene.photo.id}`, "/", `/people/${owner.handle}`, "/sign-in"]) {
    await page.goto(path);
    // React has hydrated the document: the inline RSC payload and the chunks it loaded all ran.
    await page.waitForFunction(() => Object.keys(document).some((k) => k.startsWith("__reactContainer")));
  }
  await signIn(page, owner);
  for (const path of [`/photos/${scene.photo.id}`, "/settings", `/people/${owner.handle}`]) {
    await page.goto(path);
    await page.waitForFunction(() => Object.keys(document).some((k) => k.startsWith("__reactContainer")));
  }
  expect(violations).toEqual([]);
});
