// Explore's two orders: "Interesting" lists photos by their interestingness score (set here through
// the database, as the periodic recompute would), marks the current order, and GET /api/photos takes
// order=interesting and refuses any other value.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { PhotoPage } from "../src/lib/photo-card";
import { expect, test } from "./support/fixtures";

/** Public READY photo rows with the given titles and scores, past the recompute's window. */
async function scoredPhotos(
  db: pg.Pool,
  owner: { id: string; defaultAlbumId: string },
  photos: { title: string; score: number }[],
): Promise<string[]> {
  // Claims the recompute's interval, so the server's sweep does not rescore these during the test.
  await db.query(
    `INSERT INTO scheduled_runs (name, ran_at) VALUES ('interestingness', now())
     ON CONFLICT (name) DO UPDATE SET ran_at = now()`,
  );
  const ids: string[] = [];
  for (const { title, score } of photos) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size,
                           sha256, width, height, interestingness, created_at)
       VALUES ($1, $2, $3, 'PUBLIC', 'READY', 'k', 'image/jpeg', 1, $4, 400, 300, $5, now() - interval '40 days')
       RETURNING id`,
      [owner.id, owner.defaultAlbumId, title, randomBytes(16).toString("hex"), score],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}

test("the Interesting order lists photos by score and is marked current", async ({ page, db, seedUser }) => {
  const owner = await seedUser();
  const tag = randomBytes(3).toString("hex");
  // Far above any score a recompute gives (and above earlier runs' rows), so these lead the list.
  const base = Date.now();
  const photos = [
    { title: `Middling ${tag}`, score: base + 2 },
    { title: `Best ${tag}`, score: base + 3 },
    { title: `Least ${tag}`, score: base + 1 },
  ];
  await scoredPhotos(db, owner, photos);

  await page.goto("/");
  const switcher = page.getByRole("navigation", { name: "Explore order" });
  await expect(switcher.getByRole("link", { name: "Recent" })).toHaveAttribute("aria-current", "page");
  await switcher.getByRole("link", { name: "Interesting" }).click();
  await expect(page).toHaveURL(/\?order=interesting$/);
  await expect(switcher.getByRole("link", { name: "Interesting" })).toHaveAttribute("aria-current", "page");
  await expect(switcher.getByRole("link", { name: "Recent" })).not.toHaveAttribute("aria-current");

  const grid = page.getByRole("list", { name: "Most interesting public photos" });
  const names = await grid
    .getByRole("img")
    .evaluateAll((imgs) => imgs.map((img) => img.getAttribute("alt") ?? ""));
  expect(names.filter((name) => name.endsWith(tag))).toEqual([
    `Best ${tag}`,
    `Middling ${tag}`,
    `Least ${tag}`,
  ]);
});

test("GET /api/photos takes order=interesting and refuses another order", async ({
  request,
  db,
  seedUser,
}) => {
  const owner = await seedUser();
  const [top] = await scoredPhotos(db, owner, [{ title: "Top", score: Date.now() * 2 }]);
  const ok = await request.get("/api/photos?scope=explore&order=interesting&limit=1");
  expect(ok.status()).toBe(200);
  const page = (await ok.json()) as PhotoPage;
  expect(page.photos[0]?.id).toBe(top);
  expect(page.nextCursor).toBeTruthy();
  // The next page follows from the score cursor; a time cursor is not one.
  const next = await request.get(
    `/api/photos?scope=explore&order=interesting&limit=1&before=${page.nextCursor}`,
  );
  expect(next.status()).toBe(200);
  expect(((await next.json()) as PhotoPage).photos[0]?.id).not.toBe(top);

  expect((await request.get("/api/photos?scope=explore&order=loudest")).status()).toBe(400);
});
