// Issue 8, moderation: a signed-in user reports, an admin decides in the queue, and a hidden photo is
// gone for everyone but its owner (page, photostream, explore, media), who sees why and is notified.
// The database is shared by every test, so "the first account is the admin" cannot be relied on: each
// test promotes its own admin with the operator's command, `pinhole admin <handle>`.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

test.describe.configure({ timeout: 120_000 });

/** `npm run admin -- <handle>`, against the e2e database. */
async function promote(handle: string): Promise<void> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/pinhole.ts",
      "admin",
      handle,
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL }, timeout: 60_000 },
  );
  expect(stdout).toContain(`@${handle} is now an admin`);
}

async function signedIn(browser: Browser, user: SeededUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

async function seedPhoto(db: pg.Pool, owner: SeededUser, title: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size,
                         sha256, width, height)
     VALUES ($1, $2, $3, 'PUBLIC', 'READY', 'k', 'image/jpeg', 1, md5(random()::text), 4, 3) RETURNING id`,
    [owner.id, owner.defaultAlbumId, title],
  );
  return rows[0]!.id;
}

async function report(page: Page, control: string, reason: string, details = "") {
  await page.getByRole("button", { name: control }).click();
  const dialog = page.getByRole("dialog", { name: /Report this/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: reason }).check();
  if (details) await dialog.getByLabel(/Anything else/).fill(details);
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog).toBeHidden();
}

test("a report reaches the admin queue; hiding the photo removes it for everyone but its owner", async ({
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, reporter, admin] = await Promise.all([
    seedUser({ displayName: "Olga Owner" }),
    seedUser({ displayName: "Rita Reporter" }),
    seedUser({ displayName: "Adam Admin" }),
  ]);
  // The operator's command is a process of its own: it runs while the test sets up and reports.
  const promoted = promote(admin.handle);
  const ownerPage = await signedIn(browser, owner);
  const reporterPage = await signedIn(browser, reporter);
  const adminPage = await signedIn(browser, admin);

  // A real upload, so its media exists at every size.
  const res = await postUpload(
    ownerPage.request,
    baseURL!,
    await fixture("cameras", "Canon_40D.jpg"),
    "Canon_40D.jpg",
  );
  expect(res.status(), await res.text()).toBe(201);
  const photo: string = (await res.json()).photo.id;
  const processed = await waitForProcessed(db, photo);
  expect(processed.status).toBe("READY");
  const title = `Reported ${photo.slice(0, 8)}`;
  await db.query("UPDATE photos SET title = $2 WHERE id = $1", [photo, title]);
  const oldMedia = `/media/${photo}/${processed.media_secret}/w320.webp`;

  // An anonymous visitor's photostream (the cached rendering) shows it before the decision.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(`/people/${owner.handle}`);
  await expect(visitor.locator(`a[href^="/photos/${photo}"]`)).toHaveCount(1);

  // The reporter reports it, and a second time is told kindly that it is already waiting.
  await reporterPage.goto(`/photos/${photo}`);
  await report(reporterPage, "Report photo", "Spam", "Advertising, posted everywhere");
  await expect(reporterPage.getByText("Thanks: your report was sent.")).toBeVisible();
  await report(reporterPage, "Report photo", "Spam");
  await expect(reporterPage.getByText("You have already reported this photo")).toBeVisible();
  // The owner has no Report control on their own photo.
  await ownerPage.goto(`/photos/${photo}`);
  await expect(ownerPage.getByRole("button", { name: "Report photo" })).toHaveCount(0);

  // The admin finds it in the queue, with its reason, its reporter and a preview that loads.
  await promoted;
  await adminPage.goto("/admin");
  await expect(adminPage.getByTestId("key-metrics")).toContainText("Key metrics");
  await adminPage.getByRole("link", { name: "Open the report queue" }).click();
  const group = adminPage.locator(`[data-testid="report-group"][data-target="photo:${photo}"]`);
  await expect(group.getByRole("heading", { name: title })).toBeVisible();
  await expect(group.getByTestId("report-count")).toHaveText("1");
  await expect(group).toContainText("Spam (1)");
  await expect(group).toContainText("Rita Reporter");
  await expect(group).toContainText("Advertising, posted everywhere");
  const preview = group.getByRole("img", { name: title });
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(adminPage, "the report queue");

  await group.getByLabel("Reason shown to the owner").fill("Spam is not allowed");
  await group.getByRole("button", { name: "Hide photo" }).click();
  await expect(adminPage.getByText("Hid the photo; its owner was told.")).toBeVisible();
  await expect(group).toHaveCount(0);

  // Gone for others: the page, the photostream, explore, and its media at the old and new URLs.
  const { rows } = await db.query<{ media_secret: string }>("SELECT media_secret FROM photos WHERE id = $1", [
    photo,
  ]);
  const newMedia = `/media/${photo}/${rows[0]!.media_secret}/w320.webp`;
  for (const page of [reporterPage, adminPage, visitor]) {
    expect((await page.goto(`/photos/${photo}`))?.status()).toBe(404);
    for (const url of [oldMedia, newMedia, `/media/${photo}/${rows[0]!.media_secret}/original`]) {
      expect((await page.request.get(url)).status(), url).toBe(404);
    }
    await page.goto(`/people/${owner.handle}`);
    await expect(page.locator(`a[href^="/photos/${photo}"]`)).toHaveCount(0);
    await page.goto("/");
    await expect(page.locator(`a[href^="/photos/${photo}"]`)).toHaveCount(0);
  }

  // The owner still sees it, with the reason, and has been told.
  await ownerPage.goto(`/photos/${photo}`);
  await expect(ownerPage.getByTestId("hidden-banner")).toContainText(
    "Hidden by a moderator: Spam is not allowed",
  );
  expect((await ownerPage.request.get(newMedia)).status()).toBe(200);
  // Their own grids mark it, the photostream and the album alike.
  await ownerPage.goto(`/people/${owner.handle}`);
  await expect(ownerPage.locator(`li[data-photo-id="${photo}"]`).getByTestId("hidden-badge")).toHaveText(
    "Hidden",
  );
  await ownerPage.goto(`/albums/${owner.defaultAlbumId}`);
  await expect(ownerPage.locator(`li[data-photo-id="${photo}"]`).getByTestId("hidden-badge")).toHaveText(
    "Hidden",
  );
  await ownerPage.goto("/notifications");
  await expect(ownerPage.getByTestId("notification").first()).toContainText(
    `A moderator hid your photo “${title}”: Spam is not allowed`,
  );

  // The decision can be taken back: the admin unhides it, and the visitor sees it again.
  await adminPage.goto("/admin/reports");
  await adminPage.getByRole("button", { name: `Unhide photo: ${title}` }).click();
  await expect(adminPage.getByText("Unhid the photo; its owner was told.")).toBeVisible();
  expect((await visitor.goto(`/photos/${photo}`))?.status()).toBe(200);
  await ownerPage.goto(`/people/${owner.handle}`);
  await expect(ownerPage.locator(`li[data-photo-id="${photo}"]`)).toHaveCount(1);
  await expect(ownerPage.getByTestId("hidden-badge")).toHaveCount(0);
  await anonymous.close();
});

test("dismissing a comment's reports leaves it in place", async ({ browser, seedUser, db }) => {
  const [owner, reporter, admin] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const promoted = promote(admin.handle); // awaited before the admin acts, as above
  const photo = await seedPhoto(db, owner, "Quiet harbour");
  const body = `Lovely light ${photo.slice(0, 8)}`;
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, $3) RETURNING id",
    [photo, owner.id, body],
  );
  const comment = rows[0]!.id;
  const reporterPage = await signedIn(browser, reporter);
  const adminPage = await signedIn(browser, admin);

  await reporterPage.goto(`/photos/${photo}`);
  await report(reporterPage, "Report comment", "Harassment or abuse");
  await expect(reporterPage.getByText("Thanks: your report was sent.")).toBeVisible();

  await promoted;
  await adminPage.goto("/admin/reports");
  const group = adminPage.locator(`[data-testid="report-group"][data-target="comment:${comment}"]`);
  await expect(group).toContainText(body);
  await expect(group).toContainText("Harassment or abuse (1)");
  await group.getByRole("button", { name: "Dismiss reports" }).click();
  await expect(adminPage.getByText("Dismissed the reports on the comment.")).toBeVisible();
  await expect(group).toHaveCount(0);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/photos/${photo}`);
  await expect(visitor.getByTestId("comment-body")).toHaveText(body);
  const { rows: reports } = await db.query<{ status: string }>(
    "SELECT status FROM reports WHERE comment_id = $1",
    [comment],
  );
  expect(reports).toEqual([{ status: "DISMISSED" }]);
});

test("the admin pages are a 404 for everyone but admins", async ({ browser, seedUser }) => {
  const user = await seedUser();
  const page = await signedIn(browser, user);
  const visitor = await (await browser.newContext()).newPage();
  for (const p of [page, visitor]) {
    for (const url of ["/admin", "/admin/reports"]) {
      expect((await p.goto(url))?.status(), url).toBe(404);
    }
  }
});
