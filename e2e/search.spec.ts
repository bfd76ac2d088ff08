// Search: the header's search box, the results page and its filters, tag pages, hostile input
// (SECURITY.md #21) and private photos (#4) through search.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { PhotoPage } from "../src/lib/photo-card";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";

test.describe.configure({ timeout: 120_000 });

/** A word nobody else's test uses, so a search across everyone finds only this test's photos. */
const uniqueWord = () => `w${randomBytes(5).toString("hex")}`;

async function insertPhoto(
  db: pg.Pool,
  owner: { id: string; defaultAlbumId: string },
  fields: { title: string; tags?: string[]; description?: string; visibility?: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, title, description, tags, visibility, status, original_key,
                         mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3, $4, $5, $6::visibility, 'READY', 'missing', 'image/jpeg', 1, $7, 1200, 800)
     RETURNING id`,
    [
      owner.id,
      owner.defaultAlbumId,
      fields.title,
      fields.description ?? "",
      fields.tags ?? [],
      fields.visibility ?? "PUBLIC",
      randomBytes(16).toString("hex"),
    ],
  );
  return rows[0]!.id;
}

test("the header's search box finds a photo by a word of its title, with a typo too", async ({
  page,
  db,
  seedUser,
}) => {
  const owner = await seedUser();
  const word = uniqueWord();
  const id = await insertPhoto(db, owner, { title: `Sunset over ${word}`, tags: ["lisbon"] });
  const hidden = await insertPhoto(db, owner, { title: `Private ${word}`, visibility: "PRIVATE" });

  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search photos" });
  await box.fill(word);
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === word);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(word);
  await expect(page.locator(`a[href="/photos/${id}"]`)).toBeVisible();
  await expect(page.locator(`a[href="/photos/${hidden}"]`)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "search results (visitor)");

  // One letter dropped still finds it (the trigram fallback).
  await page.goto(`/search?q=${encodeURIComponent(word.slice(0, 3) + word.slice(4))}`);
  await expect(page.locator(`a[href="/photos/${id}"]`)).toBeVisible();

  // Nothing found: a message, not an error.
  await page.goto(`/search?q=${uniqueWord()}`);
  await expect(page.getByRole("heading", { name: "No photos found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "search, nothing found");
});

test("the owner finds their private photo, filters to their own, and pages through /api/search", async ({
  page,
  db,
  seedUser,
}) => {
  const owner = await seedUser();
  const word = uniqueWord();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++)
    ids.push(await insertPhoto(db, owner, { title: `${word} ${i}`, visibility: "PRIVATE" }));

  const anonymous = await page.request.get(`/api/search?q=${word}`);
  expect(anonymous.status()).toBe(200);
  expect(((await anonymous.json()) as PhotoPage).photos).toEqual([]);

  await signIn(page, owner);
  await page.goto(`/search?q=${word}&who=mine`);
  await expect(page.getByLabel("Whose photos")).toHaveValue("mine");
  for (const id of ids) await expect(page.locator(`a[href="/photos/${id}"]`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "search results (owner)");

  const seen: string[] = [];
  let before: string | null = null;
  do {
    const res = await page.request.get(
      `/api/search?q=${word}&who=mine&limit=2${before ? `&before=${encodeURIComponent(before)}` : ""}`,
    );
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("private");
    const body = (await res.json()) as PhotoPage;
    seen.push(...body.photos.map((p) => p.id));
    before = body.nextCursor;
  } while (before);
  expect([...seen].sort()).toEqual([...ids].sort());

  expect((await page.request.get(`/api/search?q=${word}&before=bogus`)).status()).toBe(400);
});

test("a tag on the photo page leads to the tag's page", async ({ page, db, seedUser }) => {
  const owner = await seedUser();
  const tag = `tram ${uniqueWord()}`;
  const id = await insertPhoto(db, owner, { title: "Tram 28", tags: [tag, "lisbon"] });
  const other = await insertPhoto(db, owner, { title: "Another", tags: [`${tag}x`] });

  await page.goto(`/photos/${id}`);
  await page.getByTestId("photo-tags").getByRole("link", { name: tag }).click();
  await page.waitForURL((url) => url.pathname === `/tags/${encodeURIComponent(tag)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#${tag}`);
  await expect(page.locator(`a[href="/photos/${id}"]`)).toBeVisible();
  await expect(page.locator(`a[href="/photos/${other}"]`)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "tag page");

  await page.goto(`/tags/${encodeURIComponent(uniqueWord())}`);
  await expect(page.getByRole("heading", { level: 2 })).toContainText("No photos tagged");
});

test("hostile search input gives a page, never a server error (SECURITY.md #21)", async ({ request }) => {
  const inputs = [
    "'",
    "%",
    "\\",
    "&|!():*",
    '"',
    "-dog",
    "'; DROP TABLE photos; --",
    "😀 🏳️‍🌈",
    "\u202Eevil",
    "<script>alert(1)</script>",
    "x".repeat(10 * 1024),
  ];
  for (const q of inputs) {
    const encoded = encodeURIComponent(q);
    for (const url of [
      `/search?q=${encoded}`,
      `/search?q=${encoded}&who=following&from=2024-13-45&to=${encoded.slice(0, 100)}`,
      `/api/search?q=${encoded}`,
      `/tags/${encoded.slice(0, 2000)}`,
      `/api/photos?scope=tag&tag=${encoded.slice(0, 200)}`,
    ]) {
      const res = await request.get(url);
      expect(res.status(), `${url.slice(0, 80)} → ${res.status()}`).toBeLessThan(500);
      if (url.startsWith("/search")) {
        expect(res.status()).toBe(200);
        expect(await res.text()).not.toContain("<script>alert(1)</script>");
      }
    }
  }
});
