// Albums and the organise page as a photographer uses them: make an album, fill it in bulk, put it
// in order, give it a cover and a name, tidy up, delete it; and what a visitor may (not) see.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

async function expectNoSeriousA11yIssues(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Uploads the fixtures in order (so the last is the newest) and waits until each is ready. */
async function upload(page: Page, baseURL: string, db: pg.Pool, names: string[]) {
  const ids: Record<string, string> = {};
  for (const name of names) {
    const res = await postUpload(page.request, baseURL, await fixture("cameras", name), name);
    expect(res.status(), await res.text()).toBe(201);
    ids[name.replace(/\.jpg$/, "")] = (await res.json()).photo.id;
  }
  for (const id of Object.values(ids)) expect((await waitForProcessed(db, id)).status).toBe("READY");
  return ids;
}

async function albumOrder(db: pg.Pool, albumId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT photo_id AS id FROM album_photos WHERE album_id = $1 ORDER BY position, photo_id",
    [albumId],
  );
  return rows.map((r) => r.id);
}

const gridOrder = (page: Page) =>
  page.getByTestId("album-photo").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-photo-id")));

test("a photographer fills an album in bulk, orders it, names it, tidies up and deletes it", async ({
  page,
  baseURL,
  seedUser,
  db,
  request,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const ids = await upload(page, baseURL!, db, [
    "Canon_40D.jpg",
    "Kodak_CX7530.jpg",
    "Olympus_C8080WZ.jpg",
    "Sony_HDR-HC3.jpg",
  ]);
  const {
    Canon_40D: canon,
    Kodak_CX7530: kodak,
    Olympus_C8080WZ: olympus,
    "Sony_HDR-HC3": sony,
  } = ids as Record<string, string>;

  // Make an album from the organise page's side panel.
  await page.goto("/organize");
  await expect(page.getByRole("heading", { level: 1, name: "Organise your photos" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Your photostream" })).toHaveAttribute(
    "href",
    `/people/${user.handle}`,
  );
  const newAlbum = page.getByRole("form", { name: "New album" });
  await newAlbum.getByRole("button", { name: "Create album" }).click();
  await expect(newAlbum.getByText("Give the album a title")).toBeVisible();
  await expect(newAlbum.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await newAlbum.getByLabel("Title").fill("Lisbon trip");
  await newAlbum.getByLabel("Description").fill("Trams and tiles");
  await newAlbum.getByRole("button", { name: "Create album" }).click();
  await expect(newAlbum.getByRole("status")).toContainText("Created “Lisbon trip”.");
  const albumLink = page.getByTestId("albums-panel").getByRole("link", { name: "Lisbon trip" });
  await expect(albumLink).toBeVisible();
  const albumId = (await albumLink.getAttribute("href"))!.split("/").pop()!;

  // Newest first; move three of them into the album in one go.
  await expect(page.getByTestId("organize-photo")).toHaveCount(4);
  await page.getByLabel("Canon_40D", { exact: true }).check();
  await page.getByLabel("Kodak_CX7530", { exact: true }).check();
  await page.getByLabel("Olympus_C8080WZ", { exact: true }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await page.getByLabel("Move to album").selectOption({ label: "Lisbon trip" });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByTestId("bulk-notice")).toContainText("Moved 3 photos to “Lisbon trip”.");
  await expect(page.getByTestId("selection-count")).toHaveText("0 selected");
  // Appended in the grid's (newest-first) order.
  expect(await albumOrder(db, albumId)).toEqual([olympus, kodak, canon]);

  await expectNoSeriousA11yIssues(page);

  // The album page, in album order.
  await albumLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "Lisbon trip" })).toBeVisible();
  await expect(page.getByTestId("album-count")).toHaveText("3 photos");
  await expect(page.getByTestId("album-owner")).toHaveAttribute("href", `/people/${user.handle}`);
  expect(await gridOrder(page)).toEqual([olympus, kodak, canon]);
  await expect(page.getByTestId("album-photo").first().getByRole("link")).toHaveAttribute(
    "href",
    `/photos/${olympus}?in=album:${albumId}`,
  );

  // Reorder with the buttons; focus stays on the moved photo's button, so the keyboard can repeat.
  const tile = (name: string) => page.getByTestId("album-photo").filter({ hasText: name });
  await tile("Olympus_C8080WZ").getByRole("button", { name: "Move later" }).click();
  await expect.poll(() => gridOrder(page)).toEqual([kodak, olympus, canon]);
  await expect(tile("Olympus_C8080WZ").getByRole("button", { name: "Move later" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => gridOrder(page)).toEqual([kodak, canon, olympus]);
  await expect(tile("Olympus_C8080WZ").getByRole("button", { name: "Move later" })).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  await tile("Canon_40D").getByRole("button", { name: "Move earlier" }).click();
  await expect.poll(() => gridOrder(page)).toEqual([canon, kodak, olympus]);
  await expect.poll(() => albumOrder(db, albumId)).toEqual([canon, kodak, olympus]);
  await expect(page.getByRole("status").filter({ hasText: "Moved “Canon_40D” earlier." })).toBeAttached();

  // Drag and drop as well: Olympus onto the first tile's left half.
  await tile("Olympus_C8080WZ").dragTo(tile("Canon_40D"), { targetPosition: { x: 5, y: 40 } });
  await expect.poll(() => albumOrder(db, albumId)).toEqual([olympus, canon, kodak]);
  await page.reload();
  expect(await gridOrder(page)).toEqual([olympus, canon, kodak]);

  // Choose a cover.
  await tile("Kodak_CX7530").getByRole("button", { name: "Set as cover" }).click();
  await expect(tile("Kodak_CX7530").getByTestId("album-cover-badge")).toBeVisible();
  await expect
    .poll(async () => (await db.query("SELECT cover_photo_id FROM albums WHERE id = $1", [albumId])).rows[0])
    .toEqual({ cover_photo_id: kodak });

  // Rename and describe, inline. Markup stays text.
  await page.getByRole("button", { name: "Edit album" }).click();
  const editForm = page.getByTestId("album-edit-form");
  await expect(editForm.getByLabel("Title")).toBeFocused();
  await editForm.getByLabel("Title").fill("Lisbon & Porto <script>alert(1)</script>");
  await editForm.getByLabel("Description").fill("Trams <b>and</b> tiles");
  await editForm.getByRole("button", { name: "Save album" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Lisbon & Porto <script>alert(1)</script>" }),
  ).toBeVisible();
  await expect(page.getByTestId("album-description")).toHaveText("Trams <b>and</b> tiles");
  await expect(editForm).toBeHidden();
  await expect(page).toHaveTitle("Lisbon & Porto <script>alert(1)</script> · Pinhole");

  await expectNoSeriousA11yIssues(page);

  // Back to organise: delete one photo, make another private.
  await page.goto("/organize");
  await page.getByLabel("Olympus_C8080WZ", { exact: true }).check();
  await page.getByRole("button", { name: "Delete…" }).click();
  const confirm = page.getByTestId("bulk-delete-confirm");
  await expect(confirm).toContainText("Move this photo to the trash?");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Yes, delete photo" }).click();
  await expect(page.getByTestId("bulk-notice")).toContainText("Moved 1 photo to the trash.");
  await expect(page.getByTestId("organize-photo")).toHaveCount(3);
  expect(
    (await db.query("SELECT 1 FROM photos WHERE id = $1 AND deleted_at IS NOT NULL", [olympus])).rowCount,
  ).toBe(1);

  const secretOf = async (id: string | undefined) =>
    (await db.query<{ media_secret: string }>("SELECT media_secret FROM photos WHERE id = $1", [id])).rows[0]!
      .media_secret;
  const oldUrl = `/media/${kodak}/${await secretOf(kodak)}/w240.webp`;
  expect((await request.get(oldUrl)).status()).toBe(200);
  await page.getByLabel("Kodak_CX7530", { exact: true }).check();
  await page.getByLabel("Visibility").selectOption("PRIVATE");
  await page.getByRole("button", { name: "Change visibility" }).click();
  await expect(page.getByTestId("bulk-notice")).toContainText("Made 1 photo private.");
  await expect(
    page.getByTestId("organize-photo").filter({ hasText: "Kodak_CX7530" }).getByTestId("organize-visibility"),
  ).toHaveText("Private");
  // The anonymous visitor's old public URL stops resolving at once, and so does the new one.
  const newUrl = `/media/${kodak}/${await secretOf(kodak)}/w240.webp`;
  expect(newUrl).not.toBe(oldUrl);
  expect((await request.get(oldUrl)).status()).toBe(404);
  expect((await request.get(newUrl)).status()).toBe(404);
  // The owner still sees it, under its new URL.
  expect((await page.request.get(newUrl)).status()).toBe(200);

  // Delete the album: asked once, told where the photos went, and they are there.
  await page.goto(`/albums/${albumId}`);
  await page.getByRole("button", { name: "Delete album" }).click();
  const deleteAlbum = page.getByTestId("album-delete-confirm");
  await expect(deleteAlbum).toContainText("Its 2 photos go back to “Photostream”; no photo is deleted.");
  await deleteAlbum.getByRole("button", { name: "Yes, delete album" }).click();
  await page.waitForURL(`**/albums/${user.defaultAlbumId}?deleted=2`);
  await expect(page.getByTestId("album-deleted-notice")).toContainText(
    "Its 2 photos are back in “Photostream”",
  );
  await expect(page.getByRole("heading", { level: 1, name: "Photostream" })).toBeVisible();
  expect(new Set(await gridOrder(page))).toEqual(new Set([sony, canon, kodak]));
  expect((await db.query("SELECT 1 FROM albums WHERE id = $1", [albumId])).rowCount).toBe(0);
  // The default album cannot be deleted.
  await expect(page.getByRole("button", { name: "Delete album" })).toHaveCount(0);
});

test("a visitor sees a public album's page and never a private one's", async ({
  page,
  baseURL,
  browser,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const { Nikon_COOLPIX_P1: photo } = (await upload(page, baseURL!, db, ["Nikon_COOLPIX_P1.jpg"])) as Record<
    string,
    string
  >;
  const {
    rows: [publicAlbum],
  } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, description, visibility) VALUES ($1, 'Street', 'Out and about', 'PUBLIC') RETURNING id",
    [owner.id],
  );
  const {
    rows: [privateAlbum],
  } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Surprise party plans', 'PRIVATE') RETURNING id",
    [owner.id],
  );
  // A public album shows visitors its public photos (it lends nothing to a private one).
  await db.query("UPDATE photos SET album_id = $1, visibility = 'PUBLIC' WHERE id = $2", [
    publicAlbum!.id,
    photo,
  ]);

  // Its own context (axe needs one made with newContext), with no cookies.
  const anonymousContext = await browser.newContext({ baseURL });
  const anonymous = await anonymousContext.newPage();
  const ok = await anonymous.goto(`/albums/${publicAlbum!.id}`);
  expect(ok?.status()).toBe(200);
  await expect(anonymous.getByRole("heading", { level: 1, name: "Street" })).toBeVisible();
  await expect(anonymous.getByTestId("album-count")).toHaveText("1 photo");
  await expect(anonymous.getByTestId("album-description")).toHaveText("Out and about");
  await expect(anonymous.getByTestId("album-photo")).toHaveCount(1);
  await expect(anonymous.getByRole("button", { name: "Edit album" })).toHaveCount(0);
  await expect(anonymous.getByRole("button", { name: "Move later" })).toHaveCount(0);
  await expectNoSeriousA11yIssues(anonymous);

  for (const path of [`/albums/${privateAlbum!.id}`, `/albums/${crypto.randomUUID()}`, "/albums/not-an-id"]) {
    const res = await anonymous.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(anonymous.getByText("Surprise party plans")).toHaveCount(0);
  }
  await anonymousContext.close();

  // Signed in as someone else: the same.
  const stranger = await seedUser();
  const strangerContext = await browser.newContext({ baseURL });
  const strangerPage = await strangerContext.newPage();
  await signIn(strangerPage, stranger);
  expect((await strangerPage.goto(`/albums/${privateAlbum!.id}`))?.status()).toBe(404);
  expect((await strangerPage.goto(`/albums/${publicAlbum!.id}`))?.status()).toBe(200);
  await strangerContext.close();

  // The owner sees both.
  expect((await page.goto(`/albums/${privateAlbum!.id}`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Surprise party plans" })).toBeVisible();
});

test("the organise page is for signed-in people", async ({ page }) => {
  await page.goto("/organize");
  await page.waitForURL(/\/sign-in\?callbackUrl=%2Forganize|\/sign-in\?callbackUrl=\/organize/);
});
