// Issue 6, first half: favorites, comments and live notifications, between two signed-in browsers.
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import type { SeededUser } from "../prisma/seed/users";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";

async function seedPhoto(db: pg.Pool, owner: SeededUser, title: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size,
                         sha256, width, height)
     VALUES ($1, $2, $3, 'PUBLIC', 'READY', 'k', 'image/jpeg', 1, md5(random()::text), 4, 3) RETURNING id`,
    [owner.id, owner.defaultAlbumId, title],
  );
  return rows[0]!.id;
}

async function signedInPage(browser: Browser, user: SeededUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

async function postComment(page: Page, text: string) {
  await page.getByLabel("Add a comment").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
}

test("B comments on A's photo: A's bell counts it live, and A marks it read", async ({
  browser,
  seedUser,
  db,
}) => {
  const [a, b] = await Promise.all([
    seedUser({ displayName: "Ada Owner" }),
    seedUser({ displayName: "Bo Guest" }),
  ]);
  const photo = await seedPhoto(db, a, "Harbour at dawn");
  const pageA = await signedInPage(browser, a);
  const pageB = await signedInPage(browser, b);

  await pageA.goto("/");
  const bell = pageA.getByTestId("notification-bell");
  // The stream is open (its first event has arrived) before B acts, so what follows is a live push.
  await expect(bell).toHaveAttribute("data-live", "true");
  await expect(bell).toHaveAccessibleName("Notifications");
  await pageA.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await pageB.goto(`/photos/${photo}`);
  await postComment(pageB, "What a light!");
  await expect(pageB.getByTestId("comment-body")).toHaveText("What a light!");
  await expect(pageB.getByRole("heading", { name: "Comments (1)" })).toBeVisible();

  await expect(pageA.getByTestId("notification-count")).toHaveText("1");
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  expect(await pageA.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // A favorite from B is a second notification, pushed the same way.
  await pageB.getByTestId("favorite-button").click();
  await expect(pageA.getByTestId("notification-count")).toHaveText("2");

  // Opening the page marks what it shows as read; this visit still marks them "New".
  await pageA.goto("/notifications");
  const items = pageA.getByTestId("notification");
  await expect(items).toHaveCount(2);
  await expect(pageA.getByText("Bo Guest commented on “Harbour at dawn”")).toBeVisible();
  await expect(pageA.getByText("What a light!")).toBeVisible();
  await expect(pageA.getByTestId("new-summary")).toHaveText("2 new");
  await expect(items.filter({ hasText: "New" })).toHaveCount(2);
  await expect(pageA.getByTestId("notification-count")).toHaveCount(0);
  // Relative times, the exact time on hover.
  await expect(items.first().getByTestId("notification-time")).toHaveText(/just now|minute/);
  await expect(items.first().getByTestId("notification-time")).toHaveAttribute("title", /UTC$/);

  // Once the photo is private, B's notifications of A's replies show nothing of it.
  await pageA.goto(`/photos/${photo}`);
  await postComment(pageA, "Thanks, secret reply");
  await expect(pageA.getByTestId("comment")).toHaveCount(2);
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photo]);
  await pageB.goto("/notifications");
  await expect(pageB.getByTestId("notification")).toHaveCount(1);
  await expect(pageB.getByText("Ada Owner also commented on a photo")).toBeVisible();
  await expect(pageB.getByTestId("notifications-page")).not.toContainText(/Harbour|secret reply/);
});

test("a favorite toggles at once, persists after a reload, rolls back when refused", async ({
  browser,
  page,
  seedUser,
  db,
}) => {
  const [a, b] = await Promise.all([seedUser(), seedUser({ displayName: "Fan Person" })]);
  const photo = await seedPhoto(db, a, "Favorite me");
  const other = await seedPhoto(db, a, "Soon private");
  const pageB = await signedInPage(browser, b);

  await pageB.goto(`/photos/${photo}`);
  const heart = pageB.getByTestId("favorite-button");
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  await expect(heart).toContainText("0 favorites");
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await expect(heart).toContainText("1 favorite");
  await expect
    .poll(async () => (await db.query("SELECT favorite_count FROM photos WHERE id = $1", [photo])).rows[0])
    .toEqual({ favorite_count: 1 });
  await pageB.reload();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await expect(heart).toContainText("1 favorite");

  // From a grid, the photo's modal carries the heart as well.
  await pageB.goto(`/people/${a.handle}`);
  await pageB.locator(`main a[href="/photos/${photo}"]`).first().click();
  const dialog = pageB.getByRole("dialog", { name: "Favorite me" });
  await expect(dialog.getByTestId("favorite-button")).toHaveAttribute("aria-pressed", "true");
  await expect(dialog).toContainText("0 comments");
  // The photostream (cached for anonymous visitors, its version blind to counters) shows none.
  const stream = await page.request.get(`/people/${a.handle}`);
  expect(stream.status()).toBe(200);
  expect(await stream.text()).not.toMatch(/\d+ favorites?\b/);

  await pageB.goto("/favorites");
  await expect(pageB.getByRole("link", { name: /Favorite me/ })).toBeVisible();
  // Its infinite scroll asks for the caller's own favorites; nobody has none to ask for.
  const favorites = await pageB.request.get("/api/photos?scope=favorites&limit=1");
  expect(favorites.status()).toBe(200);
  expect(((await favorites.json()) as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual([photo]);
  expect((await page.request.get("/api/photos?scope=favorites")).status()).toBe(401);

  // Who favorited: the owner sees it, the fan does not.
  const pageA = await signedInPage(browser, a);
  await pageA.goto(`/photos/${photo}`);
  await expect(pageA.getByTestId("favoriters")).toContainText("Fan Person");
  await pageB.goto(`/photos/${photo}`);
  await expect(pageB.getByTestId("favoriters")).toHaveCount(0);

  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  // The heart answers at once; the reload waits for the server, as the first toggle's did.
  await expect
    .poll(async () => (await db.query("SELECT favorite_count FROM photos WHERE id = $1", [photo])).rows[0])
    .toEqual({ favorite_count: 0 });
  await pageB.reload();
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  await expect(heart).toContainText("0 favorites");

  // The photo turns private under B's open page: the toggle is undone and B is told why.
  await pageB.goto(`/photos/${other}`);
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  await db.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [other]);
  await heart.click();
  await expect(pageB.getByRole("alert").filter({ hasText: "No such photo" })).toBeVisible();
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  await expect(heart).toContainText("0 favorites");
});

test("bad comments get clear messages; markup is shown literally; links are marked as user content", async ({
  browser,
  seedUser,
  db,
}) => {
  const [a, b] = await Promise.all([seedUser(), seedUser()]);
  const photo = await seedPhoto(db, a, "Commented");
  const page = await signedInPage(browser, b);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(`/photos/${photo}`);
  const error = page.getByTestId("form-error");

  await postComment(page, "   ");
  await expect(error).toContainText("Write something before posting.");
  await postComment(page, "x".repeat(10_240));
  await expect(error).toContainText("at most 2,000 characters; this one has 10,240");
  await expect(page.getByTestId("comment")).toHaveCount(0);

  const nasty = `<script>alert(1)</script><img src=x onerror=alert(2)> see https://example.com/x. javascript:alert(3)`;
  await postComment(page, nasty);
  await expect(page.getByTestId("comment-body")).toHaveText(nasty);
  const link = page.getByTestId("comment-body").getByRole("link");
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute("href", "https://example.com/x");
  await expect(link).toHaveAttribute("rel", "nofollow ugc noopener");
  await page.reload();
  await expect(page.getByTestId("comment-body")).toHaveText(nasty);
  expect(dialogs).toBe(0);

  // Edit and delete one's own.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your comment").fill("Edited text");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("comment-body")).toHaveText("Edited text");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("comment")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Comments (0)" })).toBeVisible();
});

test("a comment flood is rate limited with a clear message", async ({ browser, seedUser, db }) => {
  const [a, b] = await Promise.all([seedUser(), seedUser()]);
  const photo = await seedPhoto(db, a, "Flooded");
  const page = await signedInPage(browser, b);
  await page.goto(`/photos/${photo}`);
  for (let i = 1; i <= 10; i++) {
    await postComment(page, `comment ${i}`);
    await expect(page.getByTestId("comment")).toHaveCount(i);
  }
  await postComment(page, "one too many");
  await expect(page.getByTestId("form-error")).toContainText("You're commenting too fast");
  await expect(page.getByTestId("comment")).toHaveCount(10);
});

test("the photo page with comments passes axe; the social pages need a sign-in", async ({
  browser,
  page,
  seedUser,
  db,
}) => {
  const [a, b] = await Promise.all([seedUser(), seedUser()]);
  const photo = await seedPhoto(db, a, "Accessible");
  const pageB = await signedInPage(browser, b);
  await pageB.goto(`/photos/${photo}`);
  await postComment(pageB, "A comment with a link https://example.com");
  await expect(pageB.getByTestId("comment")).toHaveCount(1);
  await pageB.getByTestId("favorite-button").click();
  await expect(pageB.getByTestId("favorite-button")).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousA11yViolations(pageB, "photo page with comments");

  await page.goto(`/photos/${photo}`);
  await expect(page.getByTestId("comment-body")).toContainText("A comment with a link");
  await expect(page.getByTestId("notification-bell")).toHaveCount(0);
  for (const path of ["/favorites", "/notifications"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=(${encodeURIComponent(path)}|${path})$`));
  }
  const stream = await page.request.get("/api/notifications/stream");
  expect(stream.status()).toBe(401);
  expect(stream.headers()["cache-control"]).toContain("no-store");
});
