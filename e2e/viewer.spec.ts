// The photo viewer (issue 21): the filmstrip of 50 px thumbnails on the photo page, full screen with
// ← → and Esc, and the slideshow of an album and of a share link, all by keyboard.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import type pg from "pg";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

const FILES: [string, string][] = [
  ["orientation", "landscape_1.jpg"],
  ["cameras", "Canon_40D.jpg"],
  ["gps", "DSCN0012.jpg"],
];

/** Uploads `files` one at a time (so the stream's order follows the list), titled One, Two, … */
async function upload(
  request: APIRequestContext,
  baseURL: string,
  db: pg.Pool,
  files: [string, string][],
  album?: string,
): Promise<string[]> {
  const ids: string[] = [];
  const titles = ["One", "Two", "Three", "Four"];
  for (const [i, [folder, name]] of files.entries()) {
    const res = await postUpload(request, baseURL, await fixture(folder, name), name, { album });
    expect(res.status(), await res.text()).toBe(201);
    const { photo } = (await res.json()) as { photo: { id: string } };
    expect((await waitForProcessed(db, photo.id)).status).toBe("READY");
    await db.query("UPDATE photos SET title = $2 WHERE id = $1", [photo.id, titles[i]]);
    ids.push(photo.id);
  }
  return ids;
}

async function ownerUploads(page: Page, owner: { email: string; password: string }) {
  const context = await page.context().browser()!.newContext();
  const ownerPage = await context.newPage();
  await signIn(ownerPage, owner);
  return { request: ownerPage.request, close: () => context.close() };
}

function keysReady(page: Page) {
  return page.locator('html[data-photo-keys="ready"]').waitFor({ state: "attached" });
}

/** axe on the viewer alone: the page beneath is covered (axe would judge its text against black). */
async function expectAccessibleViewer(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="viewer"]').analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

const shownId = (page: Page) => page.getByTestId("viewer-image").getAttribute("data-photo-id");

test("the photo page shows a filmstrip of the pipeline's 50 px thumbnails, the current one marked", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const session = await ownerUploads(page, owner);
  const [one, two, three] = await upload(session.request, baseURL!, db, FILES);
  await session.close();

  // Newest first: Three, Two, One. The middle photo has a neighbour on each side.
  await page.goto(`/photos/${two}`);
  const strip = page.getByRole("navigation", { name: "Photos nearby" });
  const items = strip.getByTestId("filmstrip-item");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAttribute("href", `/photos/${three}`);
  await expect(items.nth(1)).toHaveAttribute("aria-current", "page");
  await expect(items.nth(2)).toHaveAttribute("href", `/photos/${one}`);
  await expect(items.nth(2)).toHaveAccessibleName("One");
  for (const [i, id] of [three, two, one].entries()) {
    const img = items.nth(i).locator("img");
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(50);
    expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(
      new RegExp(`/media/${id}/[0-9a-f]{16}/w50\\.webp$`),
    );
    expect(await img.evaluate((el) => el.getBoundingClientRect().width)).toBe(50);
  }
  // Keyboard: a thumbnail is a link like any other.
  await items.nth(2).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/photos/${one}`);
  await expect(strip.getByTestId("filmstrip-item").nth(2)).toHaveAttribute("aria-current", "page");
  await expectNoSeriousA11yViolations(page);
});

test("full screen by keyboard: ← → move without leaving the page, the next photo is preloaded, Esc leaves", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const session = await ownerUploads(page, owner);
  const [one, two, three] = await upload(session.request, baseURL!, db, FILES);
  await session.close();

  await page.goto(`/photos/${two}`);
  await keysReady(page);
  const open = page.getByRole("button", { name: "Full screen" });
  await open.focus();
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await expect.poll(() => shownId(page)).toBe(two);
  await expect(viewer.getByTestId("viewer-position")).toHaveText("2 of 3");
  // The photo after this one is already asked for, at the size this screen wants.
  await expect(page.locator(`link[rel="preload"][as="image"][imagesrcset*="/media/${one}/"]`)).toHaveCount(1);
  await expectAccessibleViewer(page);

  await page.keyboard.press("ArrowRight");
  await expect.poll(() => shownId(page)).toBe(one);
  await expect(viewer.getByTestId("viewer-title")).toHaveText("One");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => shownId(page)).toBe(three);
  // The page beneath did not follow the keys.
  await expect(page).toHaveURL(`/photos/${two}`);
  const image = viewer.getByTestId("viewer-image");
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);

  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(open).toBeFocused();
  await expect(page).toHaveURL(`/photos/${two}`);
});

test("a 2× screen gets the 2048 px rung on the photo page and in full screen", async ({
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await signIn(page, owner);
  const [big] = await upload(page.request, baseURL!, db, [["large", "jolla.jpg"]]);

  await page.goto(`/photos/${big}`);
  const image = page.getByTestId("photo-image");
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.currentSrc))
    .toMatch(/\/w2048\.webp$/);
  await keysReady(page);
  await page.getByRole("button", { name: "Full screen" }).click();
  const inViewer = page.getByTestId("viewer-image");
  await expect
    .poll(() => inViewer.evaluate((img: HTMLImageElement) => img.currentSrc))
    .toMatch(/\/w2048\.webp$/);
  await context.close();
});

test("an album's slideshow plays by itself, pauses with Space, moves by keyboard and leaves with Esc", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Slides', 'PUBLIC') RETURNING id",
    [owner.id],
  );
  const albumId = rows[0]!.id;
  const session = await ownerUploads(page, owner);
  const ids = await upload(session.request, baseURL!, db, FILES, albumId);
  await session.close();
  const { rows: order } = await db.query<{ id: string }>(
    "SELECT photo_id AS id FROM album_photos WHERE album_id = $1 ORDER BY position, photo_id",
    [albumId],
  );
  expect(order.map((r) => r.id).sort()).toEqual([...ids].sort());

  await page.goto(`/albums/${albumId}`);
  const open = page.getByRole("button", { name: "Slideshow" });
  await open.focus();
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByTestId("viewer-play")).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => shownId(page)).toBe(order[0]!.id);
  await viewer.getByLabel("Every").selectOption("3");
  // It moves on by itself.
  await expect.poll(() => shownId(page), { timeout: 20_000 }).toBe(order[1]!.id);

  // Space pauses (focus back on the viewer, not on the interval's list).
  await viewer.focus();
  await page.keyboard.press(" ");
  await expect(viewer.getByTestId("viewer-play")).toHaveAttribute("aria-pressed", "false");
  await expect(viewer.getByTestId("viewer-play")).toHaveText("Play slideshow");
  const paused = await shownId(page);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => shownId(page)).not.toBe(paused);
  await page.keyboard.press(" ");
  await expect(viewer.getByTestId("viewer-play")).toHaveAttribute("aria-pressed", "true");
  await expectAccessibleViewer(page);

  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
  await expect(open).toBeFocused();
});

test("a share link's album has the slideshow, its images under the link", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Shared slides', 'PRIVATE') RETURNING id",
    [owner.id],
  );
  const albumId = rows[0]!.id;
  const session = await ownerUploads(page, owner);
  await upload(session.request, baseURL!, db, FILES.slice(0, 2), albumId);
  await session.close();
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE album_id = $1", [albumId]);
  const token = randomBytes(24).toString("base64url");
  await db.query("INSERT INTO share_links (token, created_by_id, album_id) VALUES ($1, $2, $3)", [
    token,
    owner.id,
    albumId,
  ]);

  await page.goto(`/s/${token}`);
  await page.getByRole("button", { name: "Slideshow" }).focus();
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer).toBeVisible();
  const image = viewer.getByTestId("viewer-image");
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toContain(`?s=${token}`);
  await page.keyboard.press("ArrowRight");
  await expect(viewer.getByTestId("viewer-position")).toHaveText("2 of 2");
  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
});
