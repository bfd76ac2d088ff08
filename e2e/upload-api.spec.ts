// The upload route and the media route over real HTTP: every fixture photo goes in, every
// derivative comes out upright, 50 px wide and free of metadata; bad input gets a clear answer.
import { randomBytes, randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { decompressionBombPng } from "../test/fixtures/images/generate";
import { expect, signIn, test } from "./support/fixtures";
import { FIXTURES, fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 240_000 });

async function greyscale(data: Buffer, width = 32): Promise<Buffer> {
  return sharp(data).resize(width, width, { fit: "fill" }).greyscale().raw().toBuffer();
}
function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

test("every fixture photo is accepted, and each thumbnail is 50 px wide, upright and carries no EXIF", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const folders = ["orientation", "cameras", "gps", "large", "heic"];
  const uploaded: { folder: string; name: string; id: string }[] = [];
  for (const folder of folders) {
    for (const name of (await readdir(path.join(FIXTURES, folder))).sort()) {
      const res = await postUpload(page.request, baseURL!, await fixture(folder, name), name);
      expect(res.status(), `${folder}/${name}: ${await res.text()}`).toBe(201);
      uploaded.push({ folder, name, id: (await res.json()).photo.id });
    }
  }

  const thumbs = new Map<string, Buffer>();
  for (const item of uploaded) {
    const row = await waitForProcessed(db, item.id);
    expect(row.status, `${item.folder}/${item.name}: ${row.failure_reason}`).toBe("READY");
    const res = await page.request.get(`/media/${item.id}/${row.media_secret}/w50.webp`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/webp");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    const body = await res.body();
    const meta = await sharp(body).metadata();
    expect(meta.width, `${item.name} thumbnail width`).toBe(50);
    expect(meta.exif, `${item.name} thumbnail EXIF`).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    thumbs.set(`${item.folder}/${item.name}`, body);

    // The largest display size carries no metadata either (GPS photos above all).
    const big = await page.request.get(`/media/${item.id}/${row.media_secret}/w2048.webp`);
    expect(big.status()).toBe(200);
    const bigMeta = await sharp(await big.body()).metadata();
    expect(bigMeta.exif, `${item.name} display size EXIF`).toBeUndefined();
  }

  // Orientation 1..8 render alike: each is close to orientation 1, and far closer than a wrong turn.
  for (const shape of ["landscape", "portrait"]) {
    const reference = await greyscale(thumbs.get(`orientation/${shape}_1.jpg`)!);
    const turned = await greyscale(
      await sharp(thumbs.get(`orientation/${shape}_1.jpg`)!)
        .rotate(180)
        .toBuffer(),
    );
    const wrong = meanAbsDiff(reference, turned);
    for (let o = 2; o <= 8; o++) {
      const diff = meanAbsDiff(reference, await greyscale(thumbs.get(`orientation/${shape}_${o}.jpg`)!));
      expect(diff, `${shape}_${o} vs ${shape}_1 (a wrong turn differs by ${wrong.toFixed(1)})`).toBeLessThan(
        Math.min(12, wrong / 3),
      );
    }
  }

  // GPS stays with the owner: the photo rows keep it, the derivatives do not.
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM photos WHERE owner_id = $1 AND gps_latitude IS NOT NULL",
    [user.id],
  );
  expect(rows[0]!.n).toBeGreaterThanOrEqual(5);
});

test("bad input gets a clear answer and the server keeps serving", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const post = (body: Buffer, name: string) => postUpload(page.request, baseURL!, body, name);
  const expectError = async (body: Buffer, name: string, status: number, message: RegExp) => {
    const res = await post(body, name);
    expect(res.status(), name).toBe(status);
    const json = await res.json();
    expect(json.error.message, name).toMatch(message);
  };

  await expectError(Buffer.alloc(0), "empty.jpg", 422, /empty/);
  await expectError(
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "x.svg",
    415,
    /SVG/,
  );
  await expectError(
    Buffer.from("<!doctype html><html><script>alert(1)</script></html>"),
    "page.jpg",
    415,
    /not an image/,
  );
  await expectError(randomBytes(5000), "noise.jpg", 415, /not an image/);

  // A decompression bomb: 50 kB on disk, 400 megapixels decoded. Refused from its header.
  const bomb = decompressionBombPng(20000, 20000);
  await expectError(bomb, "bomb.png", 413, /too large/);

  // Over the size limit (50 MB by default).
  await expectError(
    Buffer.alloc(51 * 1024 * 1024, 0xff),
    "huge.jpg",
    413,
    /too large: 51 MB, the limit is 50 MB/,
  );

  // Truncated pixels: accepted as a file, then marked damaged with the reason for its owner.
  const corrupted = await post(await fixture("broken", "corrupted.jpg"), "corrupted.jpg");
  if (corrupted.status() === 201) {
    const row = await waitForProcessed(db, (await corrupted.json()).photo.id);
    expect(row.status).toBe("FAILED");
    expect(row.failure_reason).toMatch(/damaged/);
  } else {
    expect(corrupted.status()).toBe(422);
  }
  // Bad EXIF but good pixels: a correct image.
  for (const name of ["image00971.jpg", "image01088.jpg", "image01137.jpg"]) {
    const res = await post(await fixture("broken", name), name);
    expect(res.status(), name).toBe(201);
    const row = await waitForProcessed(db, (await res.json()).photo.id);
    expect(row.status, `${name}: ${row.failure_reason}`).toBe("READY");
  }

  // A hostile file name is only ever a title, shown as text; the storage key is generated.
  const hostile = await post(
    await fixture("cameras", "Nikon_D70.jpg"),
    "../../etc/passwd\u202Egpj.php%00.jpg",
  );
  expect(hostile.status()).toBe(201);
  const photo = (await hostile.json()).photo;
  const { rows } = await db.query<{ original_key: string; original_name: string }>(
    "SELECT original_key, original_name FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(rows[0]!.original_key).toMatch(new RegExp(`^${user.id}/default/original/${photo.id}\\.jpg$`));
  expect(rows[0]!.original_name).not.toContain("/");
  expect(rows[0]!.original_name).not.toContain("\u202E");

  expect((await page.request.get("/")).status()).toBe(200);
});

test("the same bytes or the same Idempotency-Key give back one photo", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const bytes = await fixture("cameras", "Canon_40D.jpg");
  const key = randomUUID();
  const first = await postUpload(page.request, baseURL!, bytes, "a.jpg", { idempotencyKey: key });
  const retry = await postUpload(page.request, baseURL!, bytes, "a.jpg", { idempotencyKey: key });
  const again = await postUpload(page.request, baseURL!, bytes, "b.jpg");
  expect(first.status()).toBe(201);
  expect(retry.status()).toBe(200);
  expect(again.status()).toBe(200);
  const id = (await first.json()).photo.id;
  expect((await retry.json()).photo.id).toBe(id);
  expect((await again.json()).duplicate).toBe(true);
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM photos WHERE owner_id = $1",
    [user.id],
  );
  expect(rows[0]!.n).toBe(1);
});

test("50 concurrent uploads all land, each once", async ({ page, baseURL, seedUser, db }) => {
  const user = await seedUser();
  await signIn(page, user);
  const images = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      sharp({
        create: {
          width: 64,
          height: 48,
          channels: 3,
          background: { r: (i * 5) % 256, g: (i * 37) % 256, b: (i * 91) % 256 },
        },
      })
        .jpeg()
        .toBuffer(),
    ),
  );
  const responses = await Promise.all(
    images.map((img, i) =>
      postUpload(page.request, baseURL!, img, `batch-${i}.jpg`, { idempotencyKey: `batch-${user.id}-${i}` }),
    ),
  );
  expect(responses.map((r) => r.status())).toEqual(Array(50).fill(201));
  const ids = await Promise.all(responses.map(async (r) => (await r.json()).photo.id as string));
  expect(new Set(ids).size).toBe(50);
  for (const id of ids) expect((await waitForProcessed(db, id)).status).toBe("READY");
  // Exactly 50 photos, and nothing of theirs left in the queue (a finished job is deleted).
  const { rows } = await db.query<{ n: number; jobs: number }>(
    `SELECT count(*)::int AS n,
            (SELECT count(*)::int FROM graphile_worker.jobs WHERE key LIKE $2) AS jobs
     FROM photos WHERE owner_id = $1`,
    [user.id, `process-photo:${user.id}:%`],
  );
  expect(rows[0]).toEqual({ n: 50, jobs: 0 });
});

test("uploads need a signed-in same-origin request", async ({ page, baseURL, seedUser, request }) => {
  const bytes = await fixture("cameras", "Canon_40D.jpg");
  expect((await postUpload(request, baseURL!, bytes, "a.jpg")).status()).toBe(401);
  const user = await seedUser();
  await signIn(page, user);
  for (const origin of ["https://evil.example", "null", null]) {
    const res = await postUpload(page.request, baseURL!, bytes, "a.jpg", { origin });
    expect(res.status(), `Origin: ${origin}`).toBe(403);
  }
});

test("media: public variants are cacheable; private ones are for their owner only, never shared-cached", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const res = await postUpload(page.request, baseURL!, await fixture("gps", "DSCN0010.jpg"), "DSCN0010.jpg");
  const { id } = (await res.json()).photo;
  const row = await waitForProcessed(db, id);
  const url = `/media/${id}/${row.media_secret}/w320.webp`;

  const anonymous = await browser.newContext();
  const pub = await anonymous.request.get(url);
  expect(pub.status()).toBe(200);
  expect(pub.headers()["cache-control"]).toContain("immutable");
  // The original is its owner's, with its GPS: never anyone else's.
  expect((await anonymous.request.get(`/media/${id}/${row.media_secret}/original`)).status()).toBe(404);
  const original = await page.request.get(`/media/${id}/${row.media_secret}/original`);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-disposition"]).toMatch(/^attachment/);

  // Made private (and its version bumped, as the access-control code will do): the old URL is gone
  // for everyone, and the new one is the owner's alone, marked private.
  const { rows: bumped } = await db.query<{ media_secret: string }>(
    "UPDATE photos SET visibility = 'PRIVATE', access_version = access_version + 1 WHERE id = $1 RETURNING media_secret",
    [id],
  );
  expect((await anonymous.request.get(url)).status()).toBe(404);
  const privateUrl = `/media/${id}/${bumped[0]!.media_secret}/w320.webp`;
  expect((await anonymous.request.get(privateUrl)).status()).toBe(404);
  const mine = await page.request.get(privateUrl);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["cache-control"]).toBe("private, no-cache");

  // Nothing through the built-in image optimizer.
  expect(
    (await anonymous.request.get(`/_next/image?url=${encodeURIComponent(privateUrl)}&w=640&q=75`)).status(),
  ).toBeGreaterThanOrEqual(400);
  await anonymous.close();
});
