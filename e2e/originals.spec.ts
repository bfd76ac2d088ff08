// Originals for others, without GPS: the owner downloads the file as uploaded; others only when the
// owner allows it, with the location removed, and never from a cache that holds the owner's copy.
import exifr from "exifr";
import { expect, signIn, test } from "./support/fixtures";
import { anonymousContext, signedInContext } from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

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
  const secret = (await waitForProcessed(db, photo.id)).media_secret;
  const original = `/media/${photo.id}/${secret}/original`;
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
  const { rows } = await db.query<{ allow_original: boolean; media_secret: string }>(
    "SELECT allow_original, media_secret FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(rows[0]).toEqual({ allow_original: true, media_secret: secret });

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
      // Public photo: the location-free copy may be cached publicly, for a day by browsers and a
      // minute by shared caches, keyed on the cookie.
      "cache-control": "public, max-age=86400, s-maxage=60",
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

  // Unticked: a new secret, and the old URL (which a shared cache may hold) is refused.
  await page.goto(`/photos/${photo.id}`);
  await page.getByTestId("photo-edit").click();
  await page.getByLabel("Let others download the original").uncheck();
  await page.getByTestId("photo-edit-save").click();
  await expect(page.getByTestId("photo-edit-status")).toHaveText("Saved.");
  for (const context of [strangerContext, anonymous, ownerContext]) {
    expect((await context.get(original)).status()).toBe(404);
  }
  const { rows: now } = await db.query<{ media_secret: string }>(
    "SELECT media_secret FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(now[0]!.media_secret).not.toBe(secret);
  expect((await anonymous.get(`/media/${photo.id}/${now[0]!.media_secret}/original`)).status()).toBe(404);
  expect((await ownerContext.get(`/media/${photo.id}/${now[0]!.media_secret}/original`)).status()).toBe(200);
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
  const theirs = await anonymous.get(`/media/${photo.id}/${row.media_secret}/original`, {
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
