// The photo page and its modal as people use them: the owner sees everything and edits in place,
// a visitor flips through photos in the modal and lands on the real page by its URL, private
// photos are a 404 for everyone else (meta tags included), and a deleted photo is gone at once.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

interface Uploaded {
  id: string;
  secret: string;
}

/** Uploads fixture photos as `request`'s signed-in user and waits until each is processed. */
async function upload(
  request: APIRequestContext,
  baseURL: string,
  db: pg.Pool,
  files: [folder: string, name: string][],
): Promise<Uploaded[]> {
  const out: Uploaded[] = [];
  // One at a time, so created_at (the stream's order) follows the list.
  for (const [folder, name] of files) {
    const res = await postUpload(request, baseURL, await fixture(folder, name), name);
    expect(res.status(), await res.text()).toBe(201);
    const { photo } = (await res.json()) as { photo: { id: string } };
    const row = await waitForProcessed(db, photo.id);
    out.push({ id: photo.id, secret: row.media_secret });
  }
  return out;
}

/** A signed-in owner in a browser context of their own, beside the visitor's `page`. */
async function ownerSession(browser: Browser, user: SeededUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

async function expectNoSeriousA11yViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

/**
 * Opens a photo the way a visitor does: a click on its tile in a grid (`tileHref`), a client-side
 * navigation that Next intercepts into the modal over the grid.
 */
async function openFromGrid(page: Page, gridUrl: string, tileHref: string) {
  await page.goto(gridUrl);
  await page.locator(`main a[href="${tileHref}"]`).first().click();
}

/** A full page load shows the photo before its scripts run: wait until its keys are listening. */
function keysReady(page: Page) {
  return page.locator('html[data-photo-keys="ready"]').waitFor({ state: "attached" });
}

test("the owner sees location and original, and edits title, description, tags and album in place", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const [photo] = await upload(page.request, baseURL!, db, [["gps", "DSCN0010.jpg"]]);
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title) VALUES ($1, 'Tuscany <b>2008</b>') RETURNING id",
    [owner.id],
  );
  const albumId = rows[0]!.id;

  const res = await page.goto(`/photos/${photo!.id}`);
  expect(res?.status()).toBe(200);
  const image = page.getByTestId("photo-image");
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
    new RegExp(`/media/${photo!.id}/${photo!.secret}/w\\d+\\.webp$`),
  );
  // Camera facts from EXIF; the time is the camera's clock, whatever the server's time zone.
  await expect(page.getByTestId("photo-camera")).toHaveText("NIKON COOLPIX P6000");
  await expect(page.getByTestId("photo-exposure")).toHaveText("1/75 s · f/5.9 · ISO 64 · 24 mm");
  await expect(page.getByTestId("photo-taken-at")).toHaveText(/22 October 2008.*16:28/);
  // The owner's own: location, the original, the visibility.
  await expect(page.getByTestId("photo-location")).toContainText(/\d+\.\d{5}° [NS], \d+\.\d{5}° [EW]/);
  await expect(page.getByRole("link", { name: "Download original" })).toHaveAttribute(
    "href",
    `/media/${photo!.id}/${photo!.secret}/original`,
  );
  const original = await page.request.get(`/media/${photo!.id}/${photo!.secret}/original`);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-disposition"]).toMatch(/^attachment/);
  await expect(page.getByTestId("photo-visibility")).toContainText("Public");

  // Edit everything at once.
  await page.getByRole("button", { name: "Edit details" }).click();
  const form = page.getByRole("form", { name: "Edit photo details" });
  await expect(form.getByLabel("Title")).toBeFocused();
  await form.getByLabel("Title").fill("Cypress <script>alert(1)</script> at dusk");
  await form.getByLabel("Description").fill("First line\nSecond line");
  await form.getByLabel("Tags").fill("tuscany, cypress trees");
  await form.getByLabel("Album").selectOption({ label: "Tuscany <b>2008</b>" });
  await form.getByRole("button", { name: "Save details" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Cypress <script>alert(1)</script> at dusk",
  );
  await expect(page.getByTestId("photo-edit-status")).toHaveText("Saved.");
  // Line breaks kept (whitespace-pre-line), not collapsed.
  expect(await page.getByTestId("photo-description").innerText()).toBe("First line\nSecond line");
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("link", { name: "tuscany" })).toHaveAttribute("href", "/tags/tuscany");
  await expect(tags.getByRole("link", { name: "cypress trees" })).toHaveAttribute(
    "href",
    "/tags/cypress%20trees",
  );
  await expect(page.getByTestId("photo-album")).toHaveAttribute("href", `/albums/${albumId}`);
  await expect(page.getByTestId("photo-album")).toHaveText("Tuscany <b>2008</b>");
  const saved = await db.query("SELECT title, description, tags, album_id FROM photos WHERE id = $1", [
    photo!.id,
  ]);
  // A <textarea> submits its line breaks as CRLF (HTML's form encoding); either is two lines.
  saved.rows[0].description = String(saved.rows[0].description).replace(/\r\n/g, "\n");
  expect(saved.rows[0]).toEqual({
    title: "Cypress <script>alert(1)</script> at dusk",
    description: "First line\nSecond line",
    tags: ["tuscany", "cypress trees"],
    album_id: albumId,
  });

  // A refused edit: the error beside its field, what was typed kept.
  await page.getByRole("button", { name: "Edit details" }).click();
  const title = form.getByLabel("Title");
  await expect(title).toHaveValue("Cypress <script>alert(1)</script> at dusk");
  await title.fill("x".repeat(201));
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription(/Keep the title to 200 characters/);
  await expect(title).toHaveValue("x".repeat(201));
  await expect(title).toBeFocused();
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeFocused();

  await expectNoSeriousA11yViolations(page);
});

test("a visitor opens the modal from the grid, moves with ← →, closes with Esc, and reloads into the page", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const session = await ownerSession(browser, owner);
  const [first, second, third] = await upload(session.page.request, baseURL!, db, [
    ["orientation", "landscape_1.jpg"],
    ["cameras", "Canon_40D.jpg"],
    ["gps", "DSCN0012.jpg"],
  ]);
  await session.context.close();
  for (const [photo, title] of [
    [first, "First"],
    [second, "Second"],
    [third, "Third"],
  ] as const) {
    await db.query("UPDATE photos SET title = $2 WHERE id = $1", [photo!.id, title]);
  }

  // The newest photo first, as the photostream shows it.
  const gridUrl = `/people/${owner.handle}`;
  await openFromGrid(page, gridUrl, `/photos/${third!.id}`);
  const dialog = page.getByRole("dialog", { name: "Third" });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(`/photos/${third!.id}`);
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await expect(dialog.getByTestId("photo-location")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "[data-photo-modal]");

  // Focus stays inside the dialog, whichever way it goes.
  for (const key of [
    "Tab",
    "Tab",
    "Tab",
    "Tab",
    "Tab",
    "Tab",
    "Tab",
    "Tab",
    "Shift+Tab",
    "Shift+Tab",
    "Shift+Tab",
  ]) {
    await page.keyboard.press(key);
    expect(await page.evaluate(() => !!document.activeElement?.closest("[data-photo-modal]"))).toBe(true);
  }

  // → is the next (older) photo; the history entry is replaced, so Back still closes the modal.
  await page.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "Second" })).toBeVisible();
  await expect(page).toHaveURL(`/photos/${second!.id}`);
  await expect(page.getByRole("dialog").getByTestId("photo-camera")).toHaveText("Canon EOS 40D");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "First" })).toBeVisible();
  // The oldest photo has no next: → does nothing.
  await expect(page.getByRole("dialog").getByTestId("photo-next")).toHaveCount(0);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "First" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("dialog", { name: "Second" })).toBeVisible();
  // The links do the same as the keys.
  await page
    .getByRole("dialog")
    .getByRole("link", { name: /^Previous photo/ })
    .click();
  await expect(page.getByRole("dialog", { name: "Third" })).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(gridUrl);
  // Focus is back on the tile that opened the modal.
  await expect(page.locator(`main a[href="/photos/${third!.id}"]`).first()).toBeFocused();

  // A click on the backdrop closes it too; the browser's Back then leaves the grid as it was.
  await openFromGrid(page, gridUrl, `/photos/${second!.id}`);
  await expect(page.getByRole("dialog", { name: "Second" })).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(gridUrl);

  // Forward reopens it; a reload of that URL is the real page.
  await page.goForward();
  await expect(page.getByRole("dialog", { name: "Second" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Second");

  // "Open photo page" from the modal goes to the same real page.
  await openFromGrid(page, gridUrl, `/photos/${third!.id}`);
  await page.getByRole("dialog").getByRole("link", { name: "Open photo page" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Third");
  await expect(page).toHaveURL(`/photos/${third!.id}`);

  // A visitor sees no location, no original, no owner tools.
  await expect(page.getByTestId("photo-image")).toBeVisible();
  await expect(page.getByTestId("photo-location")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download original" })).toHaveCount(0);
  await expect(page.getByTestId("photo-owner-panel")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  expect(await page.content()).not.toContain("/original");
  const original = await page.request.get(`/media/${third!.id}/${third!.secret}/original`);
  expect(original.status()).toBe(404);
  await expectNoSeriousA11yViolations(page);

  // On the full page the keys load the neighbouring pages, and Esc returns to the photostream.

  await keysReady(page);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Second");
  await expect(page).toHaveURL(`/photos/${second!.id}`);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await keysReady(page);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Third");
  await keysReady(page);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(gridUrl);
});

test("from an album's grid, the modal moves through that album in its own order", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const session = await ownerSession(browser, owner);
  const [first, second, third] = await upload(session.page.request, baseURL!, db, [
    ["orientation", "portrait_1.jpg"],
    ["cameras", "Kodak_CX7530.jpg"],
    ["cameras", "Olympus_C8080WZ.jpg"],
  ]);
  await session.context.close();
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Walk', 'PUBLIC') RETURNING id",
    [owner.id],
  );
  const albumId = rows[0]!.id;
  // In the album: first, then third (second stays in the photostream), against upload order.
  await db.query("UPDATE photos SET title = 'Album one' WHERE id = $1", [first!.id]);
  await db.query("UPDATE photos SET title = 'Album two' WHERE id = $1", [third!.id]);
  await db.query("INSERT INTO album_photos (album_id, photo_id, position) VALUES ($1, $2, 1), ($1, $3, 2)", [
    albumId,
    first!.id,
    third!.id,
  ]);
  // And it is their home album (the photo page names that one); they keep their places in it.
  await db.query("UPDATE photos SET album_id = $1 WHERE id = ANY($2::uuid[])", [
    albumId,
    [first!.id, third!.id],
  ]);
  await db.query("UPDATE photos SET title = 'Not in the album' WHERE id = $1", [second!.id]);

  const albumUrl = `/albums/${albumId}`;
  await openFromGrid(page, albumUrl, `/photos/${first!.id}?in=album:${albumId}`);
  await expect(page.getByRole("dialog", { name: "Album one" })).toBeVisible();
  await expect(page.getByRole("dialog").getByTestId("photo-prev")).toHaveCount(0);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "Album two" })).toBeVisible();
  await expect(page).toHaveURL(`/photos/${third!.id}?in=album:${albumId}`);
  await expect(page.getByRole("dialog").getByTestId("photo-next")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(albumUrl);

  // The full page keeps the album as its context: Esc leads back to it.
  await page.goto(`/photos/${third!.id}?in=album:${albumId}`);
  await expect(page.getByTestId("photo-album")).toHaveAttribute("href", albumUrl);
  await keysReady(page);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Album one");
  await keysReady(page);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(albumUrl);
});

test("private photos are a 404 for everyone else, with nothing in the meta tags; public ones get a card", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const stranger = await seedUser();
  const session = await ownerSession(browser, owner);
  const [hostile, secret] = await upload(session.page.request, baseURL!, db, [
    ["cameras", "Pentax_K10D.jpg"],
    ["cameras", "Nikon_D70.jpg"],
  ]);
  const hostileTitle = `0;url=https://evil.example/" http-equiv="refresh`;
  const hostileDescription = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
  await db.query("UPDATE photos SET title = $2, description = $3 WHERE id = $1", [
    hostile!.id,
    hostileTitle,
    hostileDescription,
  ]);
  await db.query("UPDATE photos SET title = 'Secret plans', visibility = 'PRIVATE' WHERE id = $1", [
    secret!.id,
  ]);

  // A public photo, as anyone sees it: the hostile text shown as text, in the page and in the tags.
  await page.goto(`/photos/${hostile!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(hostileTitle);
  await expect(page.getByTestId("photo-description")).toHaveText(hostileDescription);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await expect(page).toHaveTitle(`${hostileTitle} · Pinhole`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", hostileTitle);
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
    "content",
    hostileDescription,
  );
  const ogImage = `${baseURL}/media/${hostile!.id}/${hostile!.secret}/w1024.webp`;
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", ogImage);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute("content", ogImage);
  const card = await page.request.get(ogImage);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/webp");
  // What a link-preview crawler reads: the tags in the document's head, escaped.
  const crawled = await (
    await page.request.get(`/photos/${hostile!.id}`, { headers: { "user-agent": "Twitterbot/1.0" } })
  ).text();
  const head = crawled.slice(0, crawled.indexOf("</head>"));
  expect(head).toContain(`<meta property="og:image" content="${ogImage}"/>`);
  expect(head).not.toMatch(/http-equiv="refresh"/);
  expect(crawled).not.toContain("<script>window.__pwned");

  // A private photo: 404 for the public and for another user, exactly like a photo that never was.
  const missing = await page.request.get(`/photos/${crypto.randomUUID()}`);
  expect(missing.status()).toBe(404);
  const anonymous = await page.request.get(`/photos/${secret!.id}`);
  expect(anonymous.status()).toBe(404);
  const anonymousHtml = await anonymous.text();
  expect(anonymousHtml).not.toContain("Secret plans");
  expect(anonymousHtml).not.toContain(`/media/${secret!.id}`);
  const strangerSession = await ownerSession(browser, stranger);
  const asStranger = await strangerSession.page.goto(`/photos/${secret!.id}`);
  expect(asStranger?.status()).toBe(404);
  await expect(strangerSession.page.getByTestId("photo-not-found")).toBeVisible();
  expect(await strangerSession.page.content()).not.toContain("Secret plans");
  expect(
    (await strangerSession.page.request.get(`/media/${secret!.id}/${secret!.secret}/w1024.webp`)).status(),
  ).toBe(404);
  await strangerSession.context.close();

  // Its owner sees it, with a generic title and no card: nothing leaks through a shared link preview.
  const ownerView = await ownerSession(browser, owner);
  await ownerView.page.goto(`/photos/${secret!.id}`);
  await expect(ownerView.page.getByRole("heading", { level: 1 })).toHaveText("Secret plans");
  await expect(ownerView.page.getByTestId("photo-visibility")).toContainText("Private");
  await expect(ownerView.page).toHaveTitle("Photo · Pinhole");
  await expect(ownerView.page.locator('meta[property^="og:"]')).toHaveCount(0);
  await expect(ownerView.page.locator('meta[name^="twitter:"]')).toHaveCount(0);
  expect(await ownerView.page.locator('meta[name="description"]').getAttribute("content")).not.toContain(
    "Secret",
  );

  // A photo that failed processing is its owner's alone, with the reason.
  const damaged = await postUpload(
    ownerView.page.request,
    baseURL!,
    await fixture("broken", "corrupted.jpg"),
    "c.jpg",
  );
  const damagedId = ((await damaged.json()) as { photo: { id: string } }).photo.id;
  expect((await waitForProcessed(db, damagedId)).status).toBe("FAILED");
  await ownerView.page.goto(`/photos/${damagedId}`);
  await expect(ownerView.page.getByTestId("photo-failed")).toContainText(/damaged/i);
  expect((await page.request.get(`/photos/${damagedId}`)).status()).toBe(404);
  await ownerView.context.close();
});

test("the owner deletes a photo after one confirmation; the page and every size are gone at once", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const [photo] = await upload(page.request, baseURL!, db, [["cameras", "Sony_HDR-HC3.jpg"]]);
  const media = [
    `/media/${photo!.id}/${photo!.secret}/w50.webp`,
    `/media/${photo!.id}/${photo!.secret}/w1024.webp`,
    `/media/${photo!.id}/${photo!.secret}/original`,
  ];
  for (const url of media) expect((await page.request.get(url)).status(), url).toBe(200);

  await page.goto(`/photos/${photo!.id}`);
  await keysReady(page);
  // The first click only asks; Cancel (or Esc) backs out and nothing happens.
  await page.getByRole("button", { name: "Delete photo" }).click();
  const confirm = page.getByRole("group", { name: /Move this photo to the trash/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(page).toHaveURL(`/photos/${photo!.id}`);
  await page.getByRole("button", { name: "Delete photo" }).click();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  expect((await db.query("SELECT 1 FROM photos WHERE id = $1", [photo!.id])).rowCount).toBe(1);

  await page.getByRole("button", { name: "Delete photo" }).click();
  await confirm.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(`/people/${owner.handle}`);

  // Refused on the very next request, for the owner too: the page and every size.
  expect((await page.request.get(`/photos/${photo!.id}`)).status()).toBe(404);
  for (const url of media) expect((await page.request.get(url)).status(), url).toBe(404);
  // In the trash (e2e/trash.spec.ts restores and empties it): the row stays, out of every read.
  expect(
    (await db.query("SELECT 1 FROM photos WHERE id = $1 AND deleted_at IS NOT NULL", [photo!.id])).rowCount,
  ).toBe(1);
});
