// Collections as a photographer makes them (albums of albums, in their order, with a cover) and as
// each visitor sees them: only the albums in it that they may see, and a 404 when that is none.
import type { Page } from "@playwright/test";
import type pg from "pg";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

async function uploadInto(page: Page, baseURL: string, db: pg.Pool, name: string, album: string) {
  const res = await postUpload(page.request, baseURL, await fixture("cameras", name), name, { album });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).photo.id as string;
  expect((await waitForProcessed(db, id)).status).toBe("READY");
  return id;
}

async function order(db: pg.Pool, collectionId: string): Promise<string[]> {
  const { rows } = await db.query<{ album_id: string }>(
    "SELECT album_id FROM collection_albums WHERE collection_id = $1 ORDER BY position, album_id",
    [collectionId],
  );
  return rows.map((r) => r.album_id);
}

const shown = (page: Page) =>
  page.getByTestId("collection-album").evaluateAll((els) => els.map((e) => e.getAttribute("data-album-id")));

test("a collection is made, filled, ordered and given a cover; each visitor sees only their albums", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const [owner, tom, stranger] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  await signIn(page, owner);
  const album = async (title: string, visibility: string) =>
    (
      await db.query<{ id: string }>(
        "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, $2, $3::visibility) RETURNING id",
        [owner.id, title, visibility],
      )
    ).rows[0]!.id;
  const lisbon = await album("Lisbon", "PUBLIC");
  const porto = await album("Porto <b>private</b>", "PRIVATE");
  const sintra = await album("Sintra", "SHARED");
  await db.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [tom.id, sintra]);
  await uploadInto(page, baseURL!, db, "Canon_40D.jpg", lisbon);
  await uploadInto(page, baseURL!, db, "Nikon_D70.jpg", porto);

  // Make it.
  await page.goto("/collections");
  const form = page.getByTestId("new-collection-form");
  await form.getByRole("button", { name: "Create collection" }).click();
  await expect(form.getByText("Give the collection a title")).toBeVisible();
  await form.getByLabel("Title").fill("Portugal");
  await form.getByLabel("Description").fill("Three cities");
  await form.getByRole("button", { name: "Create collection" }).click();
  await page.waitForURL(/\/collections\/[0-9a-f-]{36}$/);
  const collectionId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: "Portugal" })).toBeVisible();
  await expect(page.getByTestId("collection-description")).toHaveText("Three cities");

  // Fill it, in order.
  for (const title of ["Lisbon", "Porto <b>private</b>", "Sintra"]) {
    await page.getByLabel("Add an album").selectOption({ label: title });
    await page.getByRole("button", { name: "Add album" }).click();
    await expect(page.getByText(`Added “${title}”.`)).toBeVisible();
  }
  await expect.poll(() => shown(page)).toEqual([lisbon, porto, sintra]);
  expect(await order(db, collectionId)).toEqual([lisbon, porto, sintra]);

  // Reorder: Sintra one place earlier.
  const card = (id: string) => page.locator(`[data-testid="collection-album"][data-album-id="${id}"]`);
  await card(sintra).getByRole("button", { name: "Move earlier" }).click();
  await expect.poll(() => order(db, collectionId)).toEqual([lisbon, sintra, porto]);
  await expect.poll(() => shown(page)).toEqual([lisbon, sintra, porto]);

  // The cover: Porto's.
  await card(porto).getByRole("button", { name: "Set as cover" }).click();
  await expect(card(porto).getByTestId("collection-cover-badge")).toBeVisible();
  expect(
    (await db.query("SELECT cover_album_id FROM collections WHERE id = $1", [collectionId])).rows[0],
  ).toEqual({
    cover_album_id: porto,
  });

  // Listed on the owner's collections page.
  await page.goto("/collections");
  await expect(page.getByTestId("collection-list")).toContainText("Portugal");
  await expect(page.getByTestId("collection-list")).toContainText("3 albums");

  // An anonymous visitor: the public album only.
  const anonymous = await (await browser.newContext({ baseURL })).newPage();
  expect((await anonymous.goto(`/collections/${collectionId}`))?.status()).toBe(200);
  expect(await shown(anonymous)).toEqual([lisbon]);
  await expect(anonymous.getByText("Porto")).toHaveCount(0);
  await expect(anonymous.getByRole("button", { name: "Add album" })).toHaveCount(0);

  // Tom, who the Sintra album is shared with: Lisbon and Sintra.
  const tomPage = await (await browser.newContext({ baseURL })).newPage();
  await signIn(tomPage, tom);
  expect((await tomPage.goto(`/collections/${collectionId}`))?.status()).toBe(200);
  expect(await shown(tomPage)).toEqual([lisbon, sintra]);

  // A collection of private albums only is a 404 to others, as is one that does not exist.
  const {
    rows: [hidden],
  } = await db.query<{ id: string }>(
    "INSERT INTO collections (owner_id, title) VALUES ($1, 'Secret trips') RETURNING id",
    [owner.id],
  );
  await db.query("INSERT INTO collection_albums (collection_id, album_id) VALUES ($1, $2)", [
    hidden!.id,
    porto,
  ]);
  const strangerPage = await (await browser.newContext({ baseURL })).newPage();
  await signIn(strangerPage, stranger);
  for (const path of [
    `/collections/${hidden!.id}`,
    `/collections/${crypto.randomUUID()}`,
    "/collections/x",
  ]) {
    expect((await strangerPage.goto(path))?.status(), path).toBe(404);
    await expect(strangerPage.getByText("Secret trips")).toHaveCount(0);
  }
  expect((await page.goto(`/collections/${hidden!.id}`))?.status()).toBe(200);

  // Take an album out, then delete the collection: the albums stay.
  await page.goto(`/collections/${collectionId}`);
  await card(sintra).getByRole("button", { name: "Remove" }).click();
  await expect.poll(() => order(db, collectionId)).toEqual([lisbon, porto]);
  await page.getByRole("button", { name: "Delete collection…" }).click();
  await page.getByRole("button", { name: "Yes, delete collection" }).click();
  await page.waitForURL("**/collections");
  expect((await db.query("SELECT 1 FROM collections WHERE id = $1", [collectionId])).rowCount).toBe(0);
  expect(
    (await db.query("SELECT 1 FROM albums WHERE id = ANY($1::uuid[])", [[lisbon, porto, sintra]])).rowCount,
  ).toBe(3);
});
