// The trash over real HTTP against the production build: a deleted photo is refused at every size on
// the very next request, to its owner and to those it was shared with; /trash restores it with its
// album, grants, favourites and comments; "Empty trash" deletes it for good.
import { expect, signIn, test } from "./support/fixtures";
import { signedInContext } from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 300_000 });

test("trash and restore: gone at every size at once, back with its album, grants, favourites and comments", async ({
  page,
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, friend] = await Promise.all([seedUser(), seedUser()]);
  const { rows: albums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Lisbon trams', 'PRIVATE') RETURNING id",
    [owner.id],
  );
  const album = albums[0]!.id;
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const res = await postUpload(
    ownerContext,
    baseURL!,
    await fixture("cameras", "Nikon_D70.jpg"),
    "Nikon_D70.jpg",
    {
      album,
    },
  );
  const { photo } = (await res.json()) as { photo: { id: string } };
  const secret = (await waitForProcessed(db, photo.id)).media_secret;
  // Shared with the friend by name, who favourited it and commented.
  await db.query("UPDATE photos SET visibility = 'SHARED', title = 'Tram 28' WHERE id = $1", [photo.id]);
  await db.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [friend.id, photo.id]);
  await db.query("INSERT INTO favorites (user_id, photo_id) VALUES ($1, $2)", [friend.id, photo.id]);
  await db.query("INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, 'The yellow one!')", [
    photo.id,
    friend.id,
  ]);
  const friendContext = await signedInContext(playwright, baseURL!, friend);
  const { rows: variants } = await db.query<{ width: number }>(
    "SELECT width FROM photo_variants WHERE photo_id = $1 ORDER BY width",
    [photo.id],
  );
  expect(variants.length).toBeGreaterThan(1);
  const sizes = variants.map((v) => `w${v.width}.webp`);
  const media = (v: string) => [...sizes, "original"].map((file) => `/media/${photo.id}/${v}/${file}`);
  for (const url of media(secret)) expect((await ownerContext.get(url)).status(), url).toBe(200);
  for (const url of media(secret).slice(0, -1))
    expect((await friendContext.get(url)).status(), url).toBe(200);
  expect((await friendContext.get(`/photos/${photo.id}`)).status()).toBe(200);

  // The owner deletes it from the photo page.
  await signIn(page, owner);
  await page.goto(`/photos/${photo.id}`);
  await page.getByRole("button", { name: "Delete photo" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(`/people/${owner.handle}`);

  // The very next request, at every size, by everyone: 404, the old URLs and the new secret's alike.
  const { rows: trashed } = await db.query<{ media_secret: string }>(
    "SELECT media_secret FROM photos WHERE id = $1",
    [photo.id],
  );
  for (const context of [ownerContext, friendContext]) {
    expect((await context.get(`/photos/${photo.id}`)).status()).toBe(404);
    for (const url of [...media(secret), ...media(trashed[0]!.media_secret)])
      expect((await context.get(url)).status(), url).toBe(404);
  }
  expect((await friendContext.get(`/albums/${album}`)).status()).toBe(404);
  const ownAlbum = await ownerContext.get(`/albums/${album}`);
  expect(await ownAlbum.text()).not.toContain("Tram 28");

  // The trash lists it; Restore puts it back.
  await page.goto("/trash");
  const tile = page.getByTestId("trash-photo").filter({ hasText: "Tram 28" });
  await expect(tile).toContainText("In “Lisbon trams”");
  await tile.getByRole("button", { name: "Restore Tram 28" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored 1 photo." })).toBeVisible();
  await expect(page.getByText("The trash is empty")).toBeVisible();

  // Back for the friend: its page with their comment and favourite, every size under the current URL.
  const { rows: after } = await db.query<{ media_secret: string; album_id: string }>(
    "SELECT media_secret, album_id FROM photos WHERE id = $1",
    [photo.id],
  );
  expect(after[0]!.album_id).toBe(album);
  const friendPage = await page.context().browser()!.newPage();
  await signIn(friendPage, friend);
  await friendPage.goto(`/photos/${photo.id}`);
  await expect(friendPage.getByText("The yellow one!")).toBeVisible();
  await expect(friendPage.getByTestId("favorite-button")).toHaveAttribute("aria-pressed", "true");
  for (const url of media(after[0]!.media_secret).slice(0, -1))
    expect((await friendContext.get(url)).status(), url).toBe(200);
  await friendPage.close();
  await page.goto(`/albums/${album}`);
  await expect(page.locator(`a[href*="${photo.id}"]`).first()).toBeVisible();
});

test("empty trash: the trashed photos go for good, with their comments, and their files are queued for removal", async ({
  page,
  seedUser,
  db,
}) => {
  const [owner, friend] = await Promise.all([seedUser(), seedUser()]);
  const insert = (deleted: boolean) =>
    db.query<{ id: string }>(
      `INSERT INTO photos (owner_id, album_id, title, status, original_key, mime_type, byte_size, sha256, deleted_at)
       VALUES ($1, $2, 'Old tram', 'READY', 'k', 'image/jpeg', 1, md5(random()::text), $3) RETURNING id`,
      [owner.id, owner.defaultAlbumId, deleted ? new Date() : null],
    );
  const photo = (await insert(true)).rows[0]!;
  const live = (await insert(false)).rows[0]!;
  await db.query("INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, 'Bye')", [
    photo.id,
    friend.id,
  ]);
  await signIn(page, owner);
  await page.goto("/trash");
  await page.getByRole("button", { name: "Empty trash…" }).click();
  await page.getByRole("button", { name: "Yes, empty the trash" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted 1 photo for good." })).toBeVisible();
  expect((await db.query("SELECT 1 FROM photos WHERE id = $1", [photo.id])).rowCount).toBe(0);
  expect((await db.query("SELECT 1 FROM comments WHERE photo_id = $1", [photo.id])).rowCount).toBe(0);
  const jobs = await db.query(
    `SELECT 1 FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'delete-photo-files' AND j.payload::text LIKE $1`,
    [`%${photo.id}%`],
  );
  expect(jobs.rowCount).toBe(1);
  // Only the trash: a photo that was not in it stays.
  expect((await db.query("SELECT 1 FROM photos WHERE id = $1", [live.id])).rowCount).toBe(1);
});

test("uploading a trashed photo's file again takes it out of the trash", async ({
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const context = await signedInContext(playwright, baseURL!, owner);
  const bytes = await fixture("cameras", "Pentax_K10D.jpg");
  const first = (await (await postUpload(context, baseURL!, bytes, "Pentax_K10D.jpg")).json()) as {
    photo: { id: string };
  };
  await waitForProcessed(db, first.photo.id);
  await db.query("UPDATE photos SET deleted_at = now() WHERE id = $1", [first.photo.id]);
  const again = await postUpload(context, baseURL!, bytes, "Pentax_K10D.jpg");
  expect(again.status()).toBeLessThan(300);
  expect(((await again.json()) as { photo: { id: string } }).photo.id).toBe(first.photo.id);
  const { rows } = await db.query("SELECT deleted_at FROM photos WHERE owner_id = $1", [owner.id]);
  expect(rows).toEqual([{ deleted_at: null }]);
});
