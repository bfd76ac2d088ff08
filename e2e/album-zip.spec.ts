// "Download album" over real HTTP against the production build: the ZIP is unzipped and every entry
// compared byte for byte with what that viewer may download of each photo on its own.
import type { APIRequestContext } from "@playwright/test";
import yauzl from "yauzl";
import { expect, signIn, test } from "./support/fixtures";
import { anonymousContext, signedInContext } from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

/** Every file in a ZIP, by name. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      archive.on("error", reject);
      archive.on("end", () => resolve(files));
      archive.on("entry", (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

async function body(context: APIRequestContext, url: string): Promise<Buffer> {
  const res = await context.get(url);
  expect(res.status(), url).toBe(200);
  return res.body();
}

test("album ZIP: originals for the owner; for others the location-free original where allowed, else the largest size", async ({
  page,
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, stranger] = await Promise.all([seedUser(), seedUser()]);
  const { rows: albums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Porto / Lisbon “trams”', 'PUBLIC') RETURNING id",
    [owner.id],
  );
  const album = albums[0]!.id;
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const files = [
    ["gps", "DSCN0027.jpg"],
    ["cameras", "Canon_40D.jpg"],
    ["cameras", "Nikon_COOLPIX_P1.jpg"],
  ] as const;
  const photos: { id: string; name: string; bytes: Buffer; secret: string }[] = [];
  for (const [dir, name] of files) {
    const bytes = await fixture(dir, name);
    const res = await postUpload(ownerContext, baseURL!, bytes, name, { album });
    const { photo } = (await res.json()) as { photo: { id: string } };
    const { media_secret: secret } = await waitForProcessed(db, photo.id);
    photos.push({ id: photo.id, name, bytes, secret });
  }
  const [gps, allowed, plain] = photos as [(typeof photos)[0], (typeof photos)[0], (typeof photos)[0]];
  // The GPS photo and one more may be downloaded by others; the last may not.
  await db.query("UPDATE photos SET allow_original = true WHERE id = ANY($1)", [[gps.id, allowed.id]]);
  // A photo at home in another album and added to this one too is in its ZIP.
  const elsewhereBytes = await fixture("cameras", "Pentax_K10D.jpg");
  const elsewhere = (await (
    await postUpload(ownerContext, baseURL!, elsewhereBytes, "Pentax_K10D.jpg")
  ).json()) as {
    photo: { id: string };
  };
  await waitForProcessed(db, elsewhere.photo.id);
  await db.query("INSERT INTO album_photos (album_id, photo_id, position) VALUES ($1, $2, 1e12)", [
    album,
    elsewhere.photo.id,
  ]);
  // Public, whatever the upload defaults are: what others get is decided per photo below.
  await db.query("UPDATE photos SET visibility = 'PUBLIC' WHERE owner_id = $1", [owner.id]);
  // A trashed photo is in nobody's ZIP.
  const trashedBytes = await fixture("cameras", "Kodak_CX7530.jpg");
  const trashed = (await (
    await postUpload(ownerContext, baseURL!, trashedBytes, "Kodak_CX7530.jpg", { album })
  ).json()) as {
    photo: { id: string };
  };
  await waitForProcessed(db, trashed.photo.id);
  await db.query("UPDATE photos SET deleted_at = now() WHERE id = $1", [trashed.photo.id]);

  // The owner clicks "Download album": a ZIP named by the title, with every original as uploaded.
  await signIn(page, owner);
  await page.goto(`/albums/${album}`);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("album-download").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Porto _ Lisbon “trams”.zip");
  const { readFile } = await import("node:fs/promises");
  const ownZip = await unzip(await readFile((await download.path())!));
  expect([...ownZip.keys()].sort()).toEqual([...photos.map((p) => p.name), "Pentax_K10D.jpg"].sort());
  for (const p of photos) expect(ownZip.get(p.name)!.equals(p.bytes), p.name).toBe(true);
  expect(ownZip.get("Pentax_K10D.jpg")!.equals(elsewhereBytes)).toBe(true);

  // An anonymous visitor: the location-free original where allowed (the
  // same bytes the media route gives them), else the largest display size.
  const anonymous = await anonymousContext(playwright, baseURL!);
  const res = await anonymous.get(`/albums/${album}/download`);
  expect(res.status()).toBe(200);
  expect(res.headers()).toMatchObject({
    "content-type": "application/zip",
    "cache-control": "private, no-store",
    "content-disposition": expect.stringMatching(/^attachment; /),
  });
  const theirs = await unzip(await res.body());
  const { rows: largest } = await db.query<{ width: number }>(
    "SELECT max(width) AS width FROM photo_variants WHERE photo_id = $1",
    [plain.id],
  );
  expect([...theirs.keys()].sort()).toEqual([
    "Canon_40D.jpg",
    "DSCN0027.jpg",
    "Nikon_COOLPIX_P1.webp",
    "Pentax_K10D.webp",
  ]);
  for (const p of [gps, allowed]) {
    const expected = await body(anonymous, `/media/${p.id}/${p.secret}/original`);
    expect(theirs.get(p.name)!.equals(expected), p.name).toBe(true);
  }
  expect(theirs.get("DSCN0027.jpg")!.equals(gps.bytes)).toBe(false);
  const display = await body(anonymous, `/media/${plain.id}/${plain.secret}/w${largest[0]!.width}.webp`);
  expect(theirs.get("Nikon_COOLPIX_P1.webp")!.equals(display)).toBe(true);

  // A private album: 404 for a stranger, the same as an album that does not exist.
  await db.query("UPDATE albums SET visibility = 'PRIVATE' WHERE id = $1", [album]);
  const strangerContext = await signedInContext(playwright, baseURL!, stranger);
  expect((await strangerContext.get(`/albums/${album}/download`)).status()).toBe(404);
  expect((await anonymous.get(`/albums/${crypto.randomUUID()}/download`)).status()).toBe(404);
});
