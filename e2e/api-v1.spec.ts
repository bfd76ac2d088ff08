// The public API (issue 8) over real HTTP against the production build: a program with a token
// made in the settings page, every documented example answered as documented, and SECURITY.md's
// access cases through /api/v1.
import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import exifr from "exifr";
import type pg from "pg";
import { z } from "zod";
import type { SeededUser } from "../prisma/seed/users";
import { apiGet, bearer, seedApiToken, waitForApiPhoto } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { signedInContext } from "./support/security";
import { fixture } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

async function upload(context: APIRequestContext, token: string, name: string, folder = "gps") {
  const res = await context.post("/api/v1/photos", {
    data: await fixture(folder, name),
    headers: { ...bearer(token), "content-type": "application/octet-stream", "x-upload-filename": name },
    timeout: 120_000,
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { photo: { id: string } }).photo.id;
}

/** A READY photo row of `ownerId` sharing `sourceId`'s stored files (cheap, like the access matrix). */
async function clonePhoto(
  db: pg.Pool,
  sourceId: string,
  ownerId: string,
  albumId: string,
  fields: { visibility?: string; title?: string; allowOriginal?: boolean } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, original_name, mime_type,
                         byte_size, sha256, width, height, thumbhash, allow_original)
     SELECT $2, $3, $4, $5::visibility, 'READY', original_key, original_name, mime_type, byte_size, $6,
            width, height, thumbhash, $7
     FROM photos WHERE id = $1 RETURNING id`,
    [
      sourceId,
      ownerId,
      albumId,
      fields.title ?? "Clone",
      fields.visibility ?? "PRIVATE",
      randomBytes(32).toString("hex"),
      fields.allowOriginal ?? false,
    ],
  );
  const id = rows[0]!.id;
  await db.query(
    `INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size)
     SELECT $1, width, height, format, key, byte_size FROM photo_variants WHERE photo_id = $2`,
    [id, sourceId],
  );
  return id;
}

test("a program with a token: create it in settings, upload, list, search, download, revoke, 401", async ({
  page,
  playwright,
  baseURL,
  seedUser,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Access tokens" });
  await section.getByLabel("Token name").fill("nightly backup");
  await section.getByLabel(/Read and write/).check();
  await section.getByLabel("In 90 days").check();
  await section.getByRole("button", { name: "Create token" }).click();
  const shown = section.getByLabel("New token");
  await expect(shown).toHaveValue(/^ph_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  await expect(section.getByTestId("api-token-row")).toHaveCount(1);
  await expect(section.getByTestId("api-token-row")).toContainText("nightly backup");
  await expect(section.getByTestId("api-token-row")).toContainText("Never used");
  const expiry = section.getByTestId("api-token-expiry");
  await expect(expiry).toHaveText(/^Expires \w{3} \d{1,2}, \d{4}$/);
  const expiresAt = Date.parse((await expiry.locator("time").getAttribute("datetime"))!);
  expect((expiresAt - Date.now()) / (24 * 60 * 60 * 1000)).toBeCloseTo(90, 1);

  // From here on, a program: no cookies, only the token.
  const api = await playwright.request.newContext({ baseURL });
  const me = await apiGet(api, "/api/v1/me", token);
  expect(me.status(), await me.text()).toBe(200);
  expect(await me.json()).toMatchObject({
    handle: user.handle,
    token: { name: "nightly backup", scopes: ["read", "write"] },
  });
  expect(me.headers()["ratelimit-policy"]).toMatch(/^"token";q=\d+;w=60$/);
  expect(me.headers()["ratelimit"]).toMatch(/^"token";r=\d+;t=\d+$/);
  expect(me.headers()["cache-control"]).toBe("private, no-store");

  const id = await upload(api, token, "DSCN0025.jpg");
  expect((await waitForApiPhoto(api, id, token)).status).toBe("READY");

  const listed = await apiGet(api, `/api/v1/photos?owner=${user.handle}`, token);
  expect(((await listed.json()) as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual([id]);

  const word = `api${randomBytes(4).toString("hex")}`;
  const patched = await api.patch(`/api/v1/photos/${id}`, {
    headers: bearer(token),
    data: { title: `Harbour ${word}`, tags: ["harbour"] },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  expect(await patched.json()).toMatchObject({ photo: { title: `Harbour ${word}`, tags: ["harbour"] } });
  const found = await apiGet(api, `/api/v1/search?q=${word}`, token);
  expect(((await found.json()) as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual([id]);

  // The original as uploaded (the owner's: its location kept), and a generated size.
  const original = await apiGet(api, `/api/v1/photos/${id}/download?size=original`, token);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(original.headers()["content-type"]).toBe("image/jpeg");
  expect((await original.body()).equals(await fixture("gps", "DSCN0025.jpg"))).toBe(true);
  expect(original.headers()["ratelimit-policy"]).toContain('"originals"');
  const variant = await apiGet(api, `/api/v1/photos/${id}/download?size=w320`, token);
  expect(variant.status()).toBe(200);
  expect(variant.headers()["content-type"]).toBe("image/webp");
  expect(variant.headers()["cache-control"]).toBe("private, no-store");
  expect(await exifr.gps(await variant.body()).catch(() => undefined)).toBeUndefined();

  expect((await api.put(`/api/v1/favorites/${id}`, { headers: bearer(token) })).status()).toBe(200);
  const favorites = await apiGet(api, "/api/v1/favorites", token);
  expect(((await favorites.json()) as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual([id]);

  // The settings page shows it used; revoking it there refuses the very next request.
  await page.reload();
  await expect(section.getByTestId("api-token-row")).toContainText("Last used");
  await section.getByTestId("revoke-api-token").click();
  await expect(section.getByTestId("api-token-row")).toHaveCount(0);
  const refused = await apiGet(api, "/api/v1/me", token);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  expect((await apiGet(api, `/api/v1/photos/${id}`, token)).status()).toBe(401);
  await api.dispose();
});

// ─── Every documented example, answered as documented ─────────────────────────────────────────

interface DocExample {
  name: string;
  auth: "read" | "write" | "none";
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  upload?: string;
  status: number;
}
interface DocOperation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
  "x-examples": DocExample[];
}

test("every example in /api/v1/openapi.json is answered with its status and a body its schema accepts", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const tokens = {
    read: await seedApiToken(db, owner.id, "read"),
    write: await seedApiToken(db, owner.id, "write"),
    none: null,
  };
  const api = await playwright.request.newContext({ baseURL });
  const photo = await upload(api, tokens.write, "DSCN0021.jpg");
  expect((await waitForApiPhoto(api, photo, tokens.write)).status).toBe("READY");
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Docs album', 'PRIVATE') RETURNING id",
    [owner.id],
  );
  const album = rows[0]!.id;
  await clonePhoto(db, photo, owner.id, album, { title: "In the album" });
  const values: Record<string, string> = {
    photo,
    album,
    handle: owner.handle,
    other_photo: await clonePhoto(db, photo, stranger.id, stranger.defaultAlbumId),
    disposable_photo: await clonePhoto(db, photo, owner.id, owner.defaultAlbumId, { title: "Disposable" }),
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

  const doc = (await (await api.get("/api/v1/openapi.json")).json()) as {
    openapi: string;
    paths: Record<string, Record<string, DocOperation>>;
  };
  expect(doc.openapi).toBe("3.1.0");
  let sent = 0;
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const example of operation["x-examples"]) {
        const label = `${operation.operationId} "${example.name}"`;
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => fill(example.params![name]!));
        const query = new URLSearchParams(
          Object.entries(example.query ?? {}).map(([k, v]) => [k, fill(v)] as [string, string]),
        ).toString();
        const headers: Record<string, string> = { ...bearer(tokens[example.auth]) };
        let data: Buffer | string | undefined;
        if (example.upload) {
          const [folder, name] = example.upload.split("/") as [string, string];
          data = await fixture(folder, name);
          headers["content-type"] = "application/octet-stream";
          headers["x-upload-filename"] = name;
        } else if (example.body !== undefined) {
          data = JSON.stringify(example.body);
          headers["content-type"] = "application/json";
        }
        const res = await api.fetch(query ? `${path}?${query}` : path, { method, headers, data });
        sent++;
        const body = await res.body();
        expect.soft(res.status(), `${label}: ${body.toString("utf8").slice(0, 200)}`).toBe(example.status);
        const documented = operation.responses[String(example.status)];
        expect.soft(documented, `${label}: documented status`).toBeDefined();
        const content = documented?.content ?? {};
        const json = content["application/json"];
        if (json) {
          const validator = z.fromJSONSchema(json.schema as Parameters<typeof z.fromJSONSchema>[0]);
          const parsed = validator.safeParse(JSON.parse(body.toString("utf8")));
          expect.soft(parsed.success, `${label}: ${parsed.error?.message ?? ""}`).toBe(true);
        } else if (Object.keys(content).length > 0) {
          expect.soft(res.headers()["content-type"] ?? "", label).toMatch(/^image\//);
        } else {
          expect.soft(body.length, `${label}: empty body`).toBe(0);
        }
      }
    }
  }
  expect(sent).toBeGreaterThan(30);
  await api.dispose();
});

// ─── SECURITY.md through the API ─────────────────────────────────────────────────────────────

test("access cases through the API: private is 404, a named viewer is let in until removed, links list nothing, GPS stays the owner's", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, named, stranger] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const ownerToken = await seedApiToken(db, owner.id, "write");
  const namedToken = await seedApiToken(db, named.id, "write");
  const strangerToken = await seedApiToken(db, stranger.id, "write");
  const api = await playwright.request.newContext({ baseURL });
  const source = await upload(api, ownerToken, "DSCN0027.jpg");
  expect((await waitForApiPhoto(api, source, ownerToken)).status).toBe("READY");
  const word = `sec${randomBytes(4).toString("hex")}`;
  const make = (visibility: string, title: string, allowOriginal = false) =>
    clonePhoto(db, source, owner.id, owner.defaultAlbumId, {
      visibility,
      title: `${title} ${word}`,
      allowOriginal,
    });
  const privateId = await make("PRIVATE", "Private");
  const sharedId = await make("SHARED", "Shared", true);
  const linkedId = await make("PRIVATE", "Linked");
  const publicId = await make("PUBLIC", "Public", true);
  await db.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [named.id, sharedId]);
  await db.query("INSERT INTO share_links (token, created_by_id, photo_id) VALUES ($1, $2, $3)", [
    randomBytes(24).toString("base64url"),
    owner.id,
    linkedId,
  ]);
  const { rows: rungs } = await db.query<{ width: number }>(
    "SELECT DISTINCT width FROM photo_variants WHERE photo_id = $1 ORDER BY width",
    [source],
  );
  const sizes = ["original", ...[50, ...rungs.map((r) => r.width)].map((w) => `w${w}`)];

  // Another user's private photo: 404 (never 403) at every size, for every kind of caller.
  for (const token of [strangerToken, namedToken, null]) {
    const who = token === strangerToken ? "stranger" : token === namedToken ? "named" : "anonymous";
    const res = await apiGet(api, `/api/v1/photos/${privateId}`, token);
    expect(res.status(), who).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    for (const size of sizes) {
      const download = await apiGet(api, `/api/v1/photos/${privateId}/download?size=${size}`, token);
      expect(download.status(), `${who} ${size}`).toBe(404);
    }
  }
  const favored = await api.put(`/api/v1/favorites/${privateId}`, { headers: bearer(strangerToken) });
  expect(favored.status()).toBe(404);
  const edited = await api.patch(`/api/v1/photos/${publicId}`, {
    headers: bearer(strangerToken),
    data: { title: "x" },
  });
  expect(edited.status()).toBe(404);
  expect((await api.delete(`/api/v1/photos/${publicId}`, { headers: bearer(strangerToken) })).status()).toBe(
    404,
  );

  // The named viewer: the photo, every size, and the original without its location...
  expect((await apiGet(api, `/api/v1/photos/${sharedId}`, namedToken)).status()).toBe(200);
  for (const size of sizes.filter((s) => s !== "original")) {
    expect(
      (await apiGet(api, `/api/v1/photos/${sharedId}/download?size=${size}`, namedToken)).status(),
      size,
    ).toBe(200);
  }
  const namedOriginal = await apiGet(api, `/api/v1/photos/${sharedId}/download?size=original`, namedToken);
  expect(namedOriginal.status()).toBe(200);
  expect(await exifr.gps(await namedOriginal.body())).toBeUndefined();
  const ownerOriginal = await apiGet(api, `/api/v1/photos/${sharedId}/download?size=original`, ownerToken);
  expect((await exifr.gps(await ownerOriginal.body()))?.latitude).toBeDefined();
  const detail = (await (await apiGet(api, `/api/v1/photos/${sharedId}`, namedToken)).json()) as {
    photo: { owner_only: unknown; original: unknown };
  };
  expect(detail.photo.owner_only).toBeNull();
  expect(detail.photo.original).toEqual({ without_location: true });
  // ...until removed: refused at once, at every size.
  await db.query("DELETE FROM access_grants WHERE user_id = $1 AND photo_id = $2", [named.id, sharedId]);
  expect((await apiGet(api, `/api/v1/photos/${sharedId}`, namedToken)).status()).toBe(404);
  for (const size of sizes) {
    expect(
      (await apiGet(api, `/api/v1/photos/${sharedId}/download?size=${size}`, namedToken)).status(),
      size,
    ).toBe(404);
  }

  // Public with downloads allowed: anyone's original has no location; the owner's keeps it.
  const strangerOriginal = await apiGet(
    api,
    `/api/v1/photos/${publicId}/download?size=original`,
    strangerToken,
  );
  expect(strangerOriginal.status()).toBe(200);
  expect(await exifr.gps(await strangerOriginal.body())).toBeUndefined();

  // Listings and search: only what each caller may see; a photo only a share link opens is in none.
  const listIds = async (url: string, token: string | null) =>
    ((await (await apiGet(api, url, token)).json()) as { photos: { id: string }[] }).photos.map((p) => p.id);
  for (const token of [strangerToken, namedToken, null]) {
    for (const url of [
      `/api/v1/photos?owner=${owner.handle}&limit=100`,
      `/api/v1/search?q=${word}&limit=100`,
    ]) {
      const ids = await listIds(url, token);
      expect(ids, url).toContain(publicId);
      for (const hidden of [privateId, linkedId, sharedId]) expect(ids, url).not.toContain(hidden);
    }
  }
  const ownerIds = await listIds(`/api/v1/search?q=${word}&limit=100`, ownerToken);
  expect(ownerIds.sort()).toEqual([privateId, sharedId, linkedId, publicId].sort());

  // Bad ids, traversal, bad sizes and cursors: 400 or 404, never a 500 and never a file.
  for (const [url, statuses] of [
    ["/api/v1/photos/..%2F..%2Fetc%2Fpasswd", [400, 404]],
    ["/api/v1/photos/not-a-uuid", [400]],
    [`/api/v1/photos/${publicId}%00`, [400, 404]],
    [`/api/v1/photos/${publicId}/download?size=..%2F..%2Foriginal`, [400]],
    [`/api/v1/photos/${publicId}/download?size=w99999`, [400]],
    ["/api/v1/photos?cursor=not-a-cursor", [400]],
    [`/api/v1/photos?cursor=${"A".repeat(10_000)}`, [400]],
    [
      `/api/v1/search?q=x&cursor=${Buffer.from('{"m":"text","s":"NaN","id":"x"}').toString("base64url")}`,
      [400],
    ],
    ["/api/v1/albums/00000000-0000-4000-8000-000000000000/photos?cursor=e30", [400]],
    ["/api/v1/photos?limit=0", [400]],
  ] as const) {
    const res = await apiGet(api, url, ownerToken);
    expect(statuses as readonly number[], `${url}: ${res.status()}`).toContain(res.status());
    expect(res.headers()["content-type"] ?? "", url).toMatch(/^application\/json/);
  }

  // A read token may not write; a session cookie is not a credential here.
  const readToken = await seedApiToken(db, owner.id, "read");
  const forbidden = await api.delete(`/api/v1/photos/${publicId}`, { headers: bearer(readToken) });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toMatchObject({ error: { code: "forbidden" } });
  const browser = await signedInContext(playwright, baseURL!, owner);
  const withCookie = await browser.delete(`/api/v1/photos/${publicId}`, { headers: { origin: baseURL! } });
  expect(withCookie.status()).toBe(401);
  expect((await browser.get(`/api/v1/photos/${privateId}`)).status()).toBe(404);
  await browser.dispose();
  expect((await apiGet(api, `/api/v1/photos/${publicId}`, ownerToken)).status()).toBe(200);
  await api.dispose();
});

test("the originals quota: a caller who has downloaded a day's bytes gets 429 quota_exceeded", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const user: SeededUser = await seedUser();
  const token = await seedApiToken(db, user.id, "write");
  const api = await playwright.request.newContext({ baseURL });
  const id = await upload(api, token, "DSCN0010.jpg");
  expect((await waitForApiPhoto(api, id, token)).status).toBe("READY");
  // The e2e server allows 1 000 000 bytes a day (e2e/support/global-setup.ts); this file is ~160 KB.
  let refused = null;
  for (let i = 0; i < 12 && !refused; i++) {
    const res = await apiGet(api, `/api/v1/photos/${id}/download?size=original`, token);
    if (res.status() === 429) refused = res;
    else expect(res.status()).toBe(200);
  }
  expect(refused, "refused within 12 downloads").not.toBeNull();
  expect(await refused!.json()).toMatchObject({ error: { code: "quota_exceeded" } });
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(refused!.headers()["ratelimit-policy"]).toContain('"originals";q=1000000;w=86400');
  // Generated sizes are not counted.
  expect((await apiGet(api, `/api/v1/photos/${id}/download?size=w320`, token)).status()).toBe(200);
  await api.dispose();
});

test("the docs page lists every operation of the document, loads no outside script, and passes axe", async ({
  page,
  request,
}) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const ids = Object.values(doc.paths).flatMap((methods) =>
    Object.values(methods).map((op) => op.operationId),
  );
  // No CDN: every request the page makes goes to this server (or is inline data).
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && url.hostname !== "127.0.0.1") outside.push(r.url());
  });
  await page.goto("/developers/api");
  await expect(page.getByRole("heading", { level: 1, name: "Pinhole API" })).toBeVisible();
  for (const id of ids) await expect(page.locator(`section[aria-labelledby="op-${id}"]`)).toHaveCount(1);
  expect(await page.locator("section[aria-labelledby^='op-'] pre").count()).toBeGreaterThan(ids.length);
  expect(outside).toEqual([]);
  await expectNoSeriousA11yViolations(page);
});
