// Issue 19, finding 4: shared caches kept what was made private. Behind the nginx cache the Node-host
// guide documents (with Debian's cache purge module), a visitor fetches a public photo's variants
// and original until the cache holds them; the owner then makes it private, deletes it, or turns
// its download off. The old URLs, a URL guessed from the id and the next counter, and the new URLs
// must then give nothing to that visitor: the app rotates the photo's media secret and its job
// queue purges the old URLs from nginx (and, by tag, from Vercel's CDN: a local stand-in of its API
// here, which records the request). The app server runs on a database of its own, so its purge jobs
// are its own (the shared e2e server knows no purge endpoint).
import { createServer, type Server } from "node:http";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { seedUser, type SeededUser } from "../prisma/seed/users";
import { VARIANT_LADDER } from "../src/server/images/variants";
import {
  ensureNginxWithPurge,
  startMediaCacheNginx,
  type MediaCacheNginx,
} from "../test/support/media-cache-nginx";
import { createDatabaseOn, type ScratchDatabase } from "../test/support/scratch";
import { expect, test } from "./support/fixtures";
import { anonymousContext, callAction, findAction, formOf, signedInContext } from "./support/security";
import { killHard, startServer, type TestServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ mode: "serial", timeout: 180_000 });

// The app, nginx, nginx's purge endpoint, the Vercel stand-in: four ports of this spec's range.
const BASE = Number(process.env.E2E_MEDIA_CACHE_PORT ?? 3411);
const VERCEL_TOKEN = "stand-in-token-for-the-purge";
const FILES = [...VARIANT_LADDER.map((w) => `w${w}.webp`), "original"];

let scratch: ScratchDatabase | undefined;
let sql: pg.Pool | undefined;
let app: TestServer | undefined;
let nginx: MediaCacheNginx | undefined;
let vercel: Server | undefined;
const vercelCalls: { url: string; authorization?: string; tags: string[] }[] = [];
let owner: SeededUser;
let ownerContext: APIRequestContext;
let visitor: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  const tools = ensureNginxWithPurge();
  test.skip("reason" in tools, "reason" in tools ? tools.reason : "");
  if ("reason" in tools) return;
  vercel = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const tags = (JSON.parse(body || "{}") as { tags?: string[] }).tags ?? [];
      vercelCalls.push({ url: req.url!, authorization: req.headers.authorization, tags });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => vercel!.listen(BASE + 3, "127.0.0.1", resolve));
  scratch = await createDatabaseOn(process.env.E2E_DATABASE_URL!);
  app = await startServer(BASE, {
    DATABASE_URL: scratch.url,
    MIGRATE_ON_START: "true",
    MEDIA_PURGE_NGINX_URLS: `http://127.0.0.1:${BASE + 2}`,
    MEDIA_PURGE_VERCEL_TOKEN: VERCEL_TOKEN,
    MEDIA_PURGE_VERCEL_PROJECT: "prj_pinhole",
    MEDIA_PURGE_VERCEL_API_URL: `http://127.0.0.1:${BASE + 3}`,
  });
  nginx = await startMediaCacheNginx(tools.nginx, { listen: BASE + 1, purge: BASE + 2, upstream: BASE });
  sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
  owner = await seedUser(sql);
  ownerContext = await signedInContext(playwright, nginx.url, owner);
  visitor = await anonymousContext(playwright, nginx.url);
});

test.afterAll(async () => {
  await Promise.all([ownerContext?.dispose(), visitor?.dispose()]);
  await nginx?.stop();
  if (app) await killHard(app);
  await sql?.end();
  await scratch?.drop();
  await new Promise((resolve) => (vercel ? vercel.close(resolve) : resolve(undefined)));
});

/**
 * A public photo of the owner's, processed, others allowed its original: its id and media secret.
 * Each test uploads another fixture (the same bytes twice are one photo).
 */
async function publicPhoto(name: string): Promise<{ id: string; secret: string }> {
  const res = await postUpload(ownerContext, nginx!.url, await fixture("gps", name), name);
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { photo: { id: string } }).photo.id;
  expect((await waitForProcessed(sql!, id)).status).toBe("READY");
  await sql!.query("UPDATE photos SET allow_original = true WHERE id = $1", [id]);
  return { id, secret: await secretOf(id) };
}

async function secretOf(id: string): Promise<string> {
  const { rows } = await sql!.query<{ media_secret: string }>(
    "SELECT media_secret FROM photos WHERE id = $1",
    [id],
  );
  return rows[0]!.media_secret;
}

/** The visitor fetches every size and the original until nginx answers each from its cache. */
async function primeCache(id: string, secret: string): Promise<void> {
  for (const file of FILES) {
    const url = `/media/${id}/${secret}/${file}`;
    const first = await visitor.get(url);
    expect(first.status(), url).toBe(200);
    expect(first.headers()["cache-control"], url).toMatch(/^public, .*s-maxage=60$/);
    expect(first.headers()["vercel-cache-tag"], url).toBe(`media-${id}-${secret}`);
    const again = await visitor.get(url);
    expect(again.status(), url).toBe(200);
    expect(again.headers()["x-cache-status"], `${url} is kept by the cache`).toBe("HIT");
  }
}

/** Every purge the change queued has run (they commit with it; the app's worker takes them). */
async function purgesRun(): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await sql!.query<{ waiting: number }>(
            "SELECT count(*)::int AS waiting FROM graphile_worker.jobs WHERE task_identifier = 'purge-media'",
          )
        ).rows[0]!.waiting,
      { timeout: 30_000, message: "the purge-media jobs finish" },
    )
    .toBe(0);
}

/** What the attacker tries after the change: every old URL, and URLs made from the id alone. */
async function expectNothingFor(
  id: string,
  oldSecret: string,
  narrowedTo: "private" | "deleted" | "no-download",
) {
  const { rows } = await sql!.query<{ access_version: number }>(
    "SELECT access_version FROM photos WHERE id = $1",
    [id],
  );
  const counter = rows[0]?.access_version ?? 2;
  const guessed = [String(counter), String(counter + 1), "1", "2"].map((v) => `/media/${id}/${v}`);
  for (const file of FILES) {
    for (const url of [`/media/${id}/${oldSecret}/${file}`, ...guessed.map((base) => `${base}/${file}`)]) {
      const res = await visitor.get(url);
      expect(res.status(), `${narrowedTo}: ${url}`).toBe(404);
      expect(res.headers()["x-cache-status"], `${narrowedTo}: ${url} not from the cache`).not.toBe("HIT");
    }
  }
  // Vercel's CDN was told to delete the old URLs by their tag.
  expect(vercelCalls).toContainEqual({
    url: "/v1/edge-cache/dangerously-delete-by-tags?projectIdOrName=prj_pinhole",
    authorization: `Bearer ${VERCEL_TOKEN}`,
    tags: expect.arrayContaining([`media-${id}-${oldSecret}`]),
  });
}

test("made private: the old URLs, at every size and the original, are gone from nginx's cache (skipped, with the reason, only where nginx's cache purge module cannot be installed)", async () => {
  const { id, secret } = await publicPhoto("DSCN0010.jpg");
  await primeCache(id, secret);
  const visibility = await findAction("src/server/actions/access/set-visibility.ts#setVisibilityAction");
  const call = await callAction(
    ownerContext,
    visibility,
    [{ target: { kind: "photo", id }, visibility: "PRIVATE" }],
    {
      origin: nginx!.url,
    },
  );
  expect(call.result).toMatchObject({ ok: true });
  const secretNow = await secretOf(id);
  expect(secretNow).not.toBe(secret);
  await purgesRun();
  await expectNothingFor(id, secret, "private");

  // The new URLs are the owner's alone, and the cache never keeps them.
  for (const file of ["w320.webp", "original"]) {
    const url = `/media/${id}/${secretNow}/${file}`;
    expect((await visitor.get(url)).status(), url).toBe(404);
    for (let i = 0; i < 2; i++) {
      const own = await ownerContext.get(url);
      expect(own.status(), url).toBe(200);
      expect(own.headers()["cache-control"], url).toMatch(/^private/);
      expect(own.headers()["x-cache-status"], `${url} is not kept`).not.toBe("HIT");
    }
  }
});

test("deleted: the old URLs are gone from nginx's cache (skipped, with the reason, only where nginx's cache purge module cannot be installed)", async () => {
  const { id, secret } = await publicPhoto("DSCN0012.jpg");
  await primeCache(id, secret);
  const remove = await findAction("src/server/actions/organize/delete-photos.ts#deletePhotosAction");
  const call = await callAction(ownerContext, remove, [{}, formOf({ photoIds: [id] })], {
    origin: nginx!.url,
  });
  expect(call.result).toMatchObject({ ok: true });
  await purgesRun();
  await expectNothingFor(id, secret, "deleted");
});

test("download turned off: the old original (and every old size) is gone from nginx's cache (skipped, with the reason, only where nginx's cache purge module cannot be installed)", async () => {
  const { id, secret } = await publicPhoto("DSCN0027.jpg");
  await primeCache(id, secret);
  const update = await findAction("src/server/actions/update-photo-details.ts#updatePhotoDetailsAction");
  const fields = {
    photoId: id,
    title: "Still public",
    description: "",
    tags: "",
    albumId: owner.defaultAlbumId,
  };
  const call = await callAction(ownerContext, update, [{}, formOf({ ...fields, allowOriginal: "off" })], {
    origin: nginx!.url,
  });
  expect(call.status, call.body).toBe(200);
  const secretNow = await secretOf(id);
  expect(secretNow).not.toBe(secret);
  await purgesRun();
  await expectNothingFor(id, secret, "no-download");
  // Still public under its new URL, without the original.
  expect((await visitor.get(`/media/${id}/${secretNow}/w320.webp`)).status()).toBe(200);
  expect((await visitor.get(`/media/${id}/${secretNow}/original`)).status()).toBe(404);
});
