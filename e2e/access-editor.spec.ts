// The access editor as two people use it: the owner makes a photo private and shares it with a
// friend found by typing their handle; the friend sees it; the owner removes them while their page is
// open, and every size of the photo is refused to them on their very next request. The owner's
// "Preview as a visitor" shows exactly what an anonymous visitor gets.
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

/** A signed-in person in a browser context of their own. */
async function session(browser: Browser, user: SeededUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

/** Uploads a fixture photo as `page`'s signed-in user and waits until its variants exist. */
async function upload(page: Page, baseURL: string, db: pg.Pool, file: string): Promise<string> {
  const res = await postUpload(page.request, baseURL, await fixture("cameras", file), file);
  expect(res.status(), await res.text()).toBe(201);
  const id: string = (await res.json()).photo.id;
  expect((await waitForProcessed(db, id)).status).toBe("READY");
  return id;
}

async function photoState(db: pg.Pool, id: string) {
  const { rows } = await db.query<{ visibility: string; access_version: number; media_secret: string }>(
    "SELECT visibility::text AS visibility, access_version, media_secret FROM photos WHERE id = $1",
    [id],
  );
  return rows[0]!;
}

/** Waits until the photo page's image has really loaded, and returns every media URL it names. */
async function loadedImageUrls(page: Page): Promise<string[]> {
  const image = page.getByTestId("photo-image");
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  const { srcset, src } = await image.evaluate((img: HTMLImageElement) => ({
    srcset: img.getAttribute("srcset") ?? "",
    src: img.getAttribute("src") ?? "",
  }));
  const urls = [src, ...srcset.split(",").map((entry) => entry.trim().split(/\s+/)[0] ?? "")];
  return [...new Set(urls.filter((u) => u.startsWith("/media/")))];
}

async function choose(page: Page, visibility: "Public" | "Shared with people" | "Private") {
  const editor = page.getByTestId("access-editor");
  await editor.getByRole("radio", { name: new RegExp(`^${visibility}`) }).check();
  await editor.getByRole("button", { name: "Save visibility" }).click();
  await expect(editor.getByRole("radio", { name: new RegExp(`^${visibility} \\(current\\)`) })).toBeChecked();
}

test("the owner shares a private photo with a friend by handle, then removes them while their page is open", async ({
  browser,
  request,
  baseURL,
  db,
  seedUser,
}) => {
  const [ana, bea] = await Promise.all([
    seedUser({ displayName: "Ana Owner" }),
    seedUser({ displayName: "Bea Friend" }),
  ]);
  const owner = await session(browser, ana);
  const friend = await session(browser, bea);
  const id = await upload(owner.page, baseURL!, db, "Canon_40D.jpg");

  await owner.page.goto(`/photos/${id}`);
  const editor = owner.page.getByTestId("access-editor");
  const summary = editor.getByTestId("access-summary");
  await expect(summary).toHaveText("Visible to: everyone");

  // Private first: nobody but the owner.
  await choose(owner.page, "Private");
  await expect(summary).toHaveText("Visible to: only you");
  expect(await photoState(db, id)).toMatchObject({ visibility: "PRIVATE", access_version: 2 });
  expect((await friend.page.goto(`/photos/${id}`))?.status()).toBe(404);

  // Search as you type: the friend's handle, chosen from the list with the keyboard.
  const combobox = editor.getByRole("combobox", { name: "Add people" });
  await combobox.fill(bea.handle);
  const option = owner.page.getByRole("option", { name: new RegExp(`Bea Friend.*@${bea.handle}`) });
  await expect(option).toBeVisible();
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(combobox).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await expectNoSeriousA11yViolations(owner.page, "the access editor with its list open");
  // Escape closes the list and keeps the text; Down opens it again on the first result.
  await combobox.press("Escape");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");
  await expect(combobox).toHaveValue(bea.handle);
  await combobox.press("ArrowDown");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await combobox.press("Enter");
  await expect(summary).toHaveText("Visible to: you and Bea Friend");
  await expect(editor.getByTestId("access-viewers")).toContainText(`Bea Friend @${bea.handle}`);
  await expect(combobox).toHaveValue("");
  await expect(editor.getByRole("radio", { name: /^Shared with people \(current\)/ })).toBeChecked();
  expect(await photoState(db, id)).toMatchObject({ visibility: "SHARED", access_version: 2 });
  // With no list open, Escape clears the text.
  await combobox.fill("qqqq-nobody-by-this-name");
  await expect(editor.getByText("No one found.")).toBeVisible();
  await combobox.press("Escape");
  await expect(combobox).toHaveValue("");
  await expectNoSeriousA11yViolations(owner.page, "the access editor");

  // The search behind the combobox: signed-in people only, handles and names, never an email.
  const found = await friend.page.request.get(`/api/people/search?q=${encodeURIComponent(ana.email)}`);
  expect(found.status()).toBe(200);
  expect(found.headers()["cache-control"]).toBe("private, no-store");
  expect(await found.json()).toEqual({ people: [{ handle: ana.handle, displayName: "Ana Owner" }] });
  expect((await request.get(`/api/people/search?q=${ana.handle}`)).status()).toBe(401);

  // The friend sees the photo, every size of it.
  expect((await friend.page.goto(`/photos/${id}`))?.status()).toBe(200);
  const urls = await loadedImageUrls(friend.page);
  const base = `/media/${id}/${(await photoState(db, id)).media_secret}`;
  expect(urls.length).toBeGreaterThan(1);
  for (const url of urls) expect(url.startsWith(`${base}/w`), url).toBe(true);
  const sizes = [...urls, `${base}/w50.webp`];
  for (const url of sizes) expect((await friend.page.request.get(url)).status(), url).toBe(200);
  // The original is the owner's alone, shared or not.
  expect((await friend.page.request.get(`${base}/original`)).status()).toBe(404);

  // The owner removes her while her page is open.
  await editor.getByRole("button", { name: `Remove Bea Friend (@${bea.handle})` }).click();
  await expect(summary).toHaveText("Visible to: only you");
  await expect(editor.getByTestId("access-notice")).toContainText("Removed Bea Friend.");
  await expect(editor.getByTestId("access-viewers")).toHaveCount(0);
  const after = await photoState(db, id);
  expect(after).toMatchObject({ visibility: "SHARED", access_version: 3 });

  // Her very next request, at every size and the original, is refused: under the URLs her page
  // holds, and under the new ones too (the media route checks access on every request).
  const newBase = `/media/${id}/${after.media_secret}`;
  for (const url of [...sizes, `${base}/original`]) {
    for (const candidate of [url, url.replace(base, newBase)]) {
      const res = await friend.page.request.get(candidate);
      expect([403, 404], candidate).toContain(res.status());
      expect(res.headers()["cache-control"]).toBe("no-store");
    }
  }
  const reloaded = await friend.page.reload();
  expect(reloaded?.status()).toBe(404);
  await expect(friend.page.getByTestId("photo-not-found")).toBeVisible();

  // The owner's page follows the new access version: her image still loads, under its new URL.
  await expect
    .poll(async () => (await loadedImageUrls(owner.page)).every((u) => u.startsWith(`${newBase}/`)))
    .toBe(true);

  await owner.context.close();
  await friend.context.close();
});

test("preview as a visitor shows the photo when it is public and the 404 page when it is private", async ({
  page,
  baseURL,
  db,
  seedUser,
}) => {
  const ana = await seedUser({ displayName: "Ana Preview" });
  await signIn(page, ana);
  const id = await upload(page, baseURL!, db, "Kodak_CX7530.jpg");

  await page.goto(`/photos/${id}`);
  await page.getByTestId("access-editor").getByRole("link", { name: "Preview as a visitor" }).click();
  await page.waitForURL(`**/photos/${id}?as=visitor`);
  const banner = page.getByTestId("visitor-banner");
  await expect(banner).toContainText("You are seeing this page as a visitor");
  await loadedImageUrls(page);
  // Nothing of the owner's: no editor, no owner panel, no location or original.
  await expect(page.getByTestId("photo-owner-panel")).toHaveCount(0);
  await expect(page.getByTestId("access-editor")).toHaveCount(0);
  await expect(page.getByTestId("photo-visibility")).toHaveCount(0);

  await banner.getByRole("link", { name: "Back to your view" }).click();
  await page.waitForURL(`**/photos/${id}`);
  await expect(page.getByTestId("visitor-banner")).toHaveCount(0);
  await choose(page, "Private");

  const preview = await page.goto(`/photos/${id}?as=visitor`);
  expect(preview?.status()).toBe(404);
  await expect(page.getByTestId("photo-not-found")).toBeVisible();
  await expect(page.getByTestId("visitor-banner")).toContainText("You are seeing this page as a visitor");

  // The photostream as a visitor: the private photo is not in it (nor in the grid's next pages).
  await page.goto(`/people/${ana.handle}?as=visitor`);
  await expect(page.getByTestId("visitor-banner")).toBeVisible();
  await expect(page.getByTestId("person-counts")).toContainText("0 photos");
  await expect(page.locator(`main a[href^="/photos/${id}"]`)).toHaveCount(0);
  // The context's keep-alive socket has been idle since the upload: if the server closes it (5 s)
  // just as this request goes out, the request fails ECONNRESET; Playwright retries only that.
  const api = await page.request.get(`/api/photos?scope=stream&owner=${ana.handle}&as=visitor`, {
    maxRetries: 1,
  });
  expect(((await api.json()) as { photos: unknown[] }).photos).toEqual([]);
  await page.goto(`/people/${ana.handle}`);
  await expect(page.locator(`main a[href^="/photos/${id}"]`).first()).toBeVisible();

  // A private album previews as the 404 page too.
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title) VALUES ($1, 'Secret') RETURNING id",
    [ana.id],
  );
  expect((await page.goto(`/albums/${rows[0]!.id}`))?.status()).toBe(200);
  await expect(page.getByTestId("access-editor")).toContainText("Visible to: only you");
  expect((await page.goto(`/albums/${rows[0]!.id}?as=visitor`))?.status()).toBe(404);
  await expect(page.getByTestId("visitor-banner")).toBeVisible();
});

test("organise shares a selection: private photos become shared, public ones stay public", async ({
  browser,
  baseURL,
  db,
  seedUser,
}) => {
  const [ana, bea] = await Promise.all([seedUser(), seedUser({ displayName: "Bea Bulk" })]);
  const owner = await session(browser, ana);
  const priv = await upload(owner.page, baseURL!, db, "Nikon_D70.jpg");
  const pub = await upload(owner.page, baseURL!, db, "Olympus_C8080WZ.jpg");
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [priv]);

  await owner.page.goto("/organize");
  await owner.page.getByLabel("Select all on this page").check();
  await owner.page.getByRole("button", { name: "Share with…" }).click();
  const panel = owner.page.getByTestId("share-photos-panel");
  const combobox = panel.getByRole("combobox", { name: "Share with" });
  await combobox.fill(bea.handle);
  await owner.page.getByRole("option", { name: new RegExp(`Bea Bulk.*@${bea.handle}`) }).click();
  await expect(panel.getByRole("list", { name: "Chosen people" })).toContainText(`Bea Bulk (@${bea.handle})`);
  await expectNoSeriousA11yViolations(owner.page, "organise with the share panel open");
  await panel.getByRole("button", { name: "Share", exact: true }).click();
  await expect(owner.page.getByTestId("bulk-notice")).toContainText(
    "Shared 2 photos with Bea Bulk. 1 public photo stays public: everyone can see it already.",
  );
  expect(await photoState(db, priv)).toMatchObject({ visibility: "SHARED" });
  expect(await photoState(db, pub)).toMatchObject({ visibility: "PUBLIC" });

  const friend = await session(browser, bea);
  expect((await friend.page.goto(`/photos/${priv}`))?.status()).toBe(200);
  await loadedImageUrls(friend.page);
  await owner.context.close();
  await friend.context.close();
});
