// The page cache: a person's page is rendered once for anonymous visitors and served from the cache
// until anything it shows changes; the change is visible on the very next request. Signed-in people
// get their own rendering, never the cached one, and never a copy a shared cache may keep.
import { randomBytes } from "node:crypto";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 120_000 });

test("a photostream is cached for visitors and changes on the next request after its owner's edits", async ({
  browser,
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const res = await postUpload(page.request, baseURL!, await fixture("cameras", "Canon_40D.jpg"), "tram.jpg");
  expect(res.status(), await res.text()).toBe(201);
  const id: string = (await res.json()).photo.id;
  expect((await waitForProcessed(db, id)).status).toBe("READY");
  const title = `Tram 28 ${randomBytes(3).toString("hex")}`;
  await db.query("UPDATE photos SET title = $1, visibility = 'PUBLIC' WHERE id = $2", [title, id]);

  const visitor = await browser.newContext();
  const anonymous = visitor.request;
  const url = `/people/${owner.handle}`;

  // First view renders, the second comes from the cache; neither may be kept by a shared cache.
  const first = await anonymous.get(url);
  expect(first.status()).toBe(200);
  expect(await first.text()).toContain(title);
  const second = await anonymous.get(url);
  expect(second.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(second.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");

  // The owner renames it: the next anonymous view shows the new title.
  const renamed = `${title} (Graça)`;
  await db.query("UPDATE photos SET title = $1 WHERE id = $2", [renamed, id]);
  const afterRename = await anonymous.get(url);
  expect(await afterRename.text()).toContain(renamed);

  // The owner makes it private: the next anonymous view has no trace of it, in a browser too.
  await db.query(
    "UPDATE photos SET visibility = 'PRIVATE', access_version = access_version + 1 WHERE id = $1",
    [id],
  );
  const afterPrivate = await anonymous.get(url);
  expect(afterPrivate.status()).toBe(200);
  const html = await afterPrivate.text();
  expect(html).not.toContain(renamed);
  expect(html).not.toContain(id);
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(url);
  await expect(visitorPage.getByRole("heading", { name: "No photos to show" })).toBeVisible();
  await expect(visitorPage.locator(`[data-photo-id="${id}"]`)).toHaveCount(0);

  // The owner, signed in, gets the page rendered for them (their private photo, marked), never
  // the cached one, and marked private so no shared cache keeps it.
  const own = await page.request.get(url);
  expect(own.headers()["x-nextjs-cache"]).toBeUndefined();
  expect(own.headers()["cache-control"]).toContain("private");
  await page.goto(url);
  await expect(page.locator(`[data-photo-id="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-photo-id="${id}"]`).getByText("Private")).toBeVisible();
  await visitor.close();
});

test("the cacheable rendering is reached only through /people/<handle>", async ({ browser, seedUser }) => {
  const person = await seedUser();
  const visitor = await browser.newContext();
  const direct = await visitor.request.get(`/anonymous/people/${person.handle}`, { maxRedirects: 0 });
  expect(direct.status()).toBe(307);
  expect(direct.headers()["location"]).toBe(`/people/${person.handle}`);
  await visitor.close();
});

test("an unknown person's 404 is cached until someone takes the handle", async ({
  browser,
  seedUser,
  db,
}) => {
  const handle = `later${randomBytes(4).toString("hex")}`;
  const visitor = await browser.newContext();
  expect((await visitor.request.get(`/people/${handle}`)).status()).toBe(404);
  expect((await visitor.request.get(`/people/${handle}`)).status()).toBe(404);
  const someone = await seedUser();
  await db.query("UPDATE users SET handle = $1 WHERE id = $2", [handle, someone.id]);
  const now = await visitor.request.get(`/people/${handle}`);
  expect(now.status()).toBe(200);
  expect(await now.text()).toContain(`@${handle}`);
  await visitor.close();
});
