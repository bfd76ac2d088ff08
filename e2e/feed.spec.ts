// Follows and the home feed: A follows B from B's photostream; B's new photo shows in A's /feed and
// leaves it on the very next request once B makes it private. /feed is for signed-in people only.
import { expect, signIn, test } from "./support/fixtures";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 120_000 });

test("A follows B; B's upload shows in A's feed and leaves it when made private", async ({
  browser,
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const [a, b] = await Promise.all([seedUser(), seedUser()]);

  // A follows B from B's photostream (the toggle, then the counts on both pages).
  await signIn(page, a);
  await page.goto(`/people/${b.handle}`);
  await expect(page.getByTestId("follow-counts")).toContainText("0 followers");
  await page.getByRole("button", { name: `Follow ${b.displayName}`, exact: true }).click();
  await expect(page.getByRole("button", { name: `Following ${b.displayName}`, exact: true })).toBeVisible();
  await expect(page.getByTestId("follow-counts")).toContainText("1 follower");
  await page.goto(`/people/${b.handle}/followers`);
  await expect(page.getByRole("list", { name: `Followers of ${b.displayName}` })).toContainText(
    `@${a.handle}`,
  );
  // Nobody follows themself: A's own page has no toggle.
  await page.goto(`/people/${a.handle}`);
  await expect(page.getByRole("button", { name: /^Follow/ })).toHaveCount(0);

  // B uploads a public photo.
  const bContext = await browser.newContext();
  const bPage = await bContext.newPage();
  await signIn(bPage, b);
  const res = await postUpload(
    bPage.request,
    baseURL!,
    await fixture("cameras", "Canon_40D.jpg"),
    "tram.jpg",
  );
  expect(res.status(), await res.text()).toBe(201);
  const id: string = (await res.json()).photo.id;
  expect((await waitForProcessed(db, id)).status).toBe("READY");
  await db.query("UPDATE photos SET visibility = 'PUBLIC' WHERE id = $1", [id]);

  // It is in A's feed, through the header link.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
  await expect(page).toHaveURL(/\/feed$/);
  await expect(page.getByRole("heading", { name: "Your feed", level: 1 })).toBeVisible();
  await expect(page.locator(`[data-photo-id="${id}"]`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "/feed");

  // B makes it private: gone from A's feed on the next request, page and API alike.
  await db.query(
    "UPDATE photos SET visibility = 'PRIVATE', access_version = access_version + 1 WHERE id = $1",
    [id],
  );
  await page.goto("/feed");
  await expect(page.getByRole("heading", { name: "Nothing in your feed yet" })).toBeVisible();
  await expect(page.locator(`[data-photo-id="${id}"]`)).toHaveCount(0);
  const api = await page.request.get("/api/photos?scope=feed");
  expect(api.status()).toBe(200);
  expect(await api.text()).not.toContain(id);
  await bContext.close();
});

test("an anonymous visitor to /feed is sent to sign in, and sees a sign-in link to follow", async ({
  page,
  seedUser,
}) => {
  await page.goto("/feed");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ffeed|\/sign-in\?callbackUrl=\/feed/);
  expect((await page.request.get("/api/photos?scope=feed")).status()).toBe(401);

  const b = await seedUser();
  await page.goto(`/people/${b.handle}`);
  await expect(page.getByRole("link", { name: "Sign in to follow" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Follow/ })).toHaveCount(0);
});
