// Organising at scale as a photographer does: select a range with shift-click, rename the lot from a
// pattern, tag them, fix the camera's clock, change their mind (Undo), and find them again by
// search; and the album page, which shows its photos before its sharing tools.
import type { Page } from "@playwright/test";
import type pg from "pg";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

/** Uploads the fixtures in order (the last is the newest) and waits until each is ready. */
async function upload(page: Page, baseURL: string, db: pg.Pool, names: string[], album?: string) {
  const ids: string[] = [];
  for (const name of names) {
    const res = await postUpload(page.request, baseURL, await fixture("cameras", name), name, { album });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).photo.id);
  }
  for (const id of ids) expect((await waitForProcessed(db, id)).status).toBe("READY");
  return ids;
}

async function photoRows(db: pg.Pool, ids: string[]) {
  const { rows } = await db.query<{ id: string; title: string; tags: string[]; taken_at: Date | null }>(
    "SELECT id, title, tags, taken_at FROM photos WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)",
    [ids],
  );
  return rows;
}

test("batch edit with undo: a shift-click range renamed, tagged and re-dated, then the last batch undone", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const [canon, kodak, olympus, sony] = await upload(page, baseURL!, db, [
    "Canon_40D.jpg",
    "Kodak_CX7530.jpg",
    "Olympus_C8080WZ.jpg",
    "Sony_HDR-HC3.jpg",
  ]);
  const before = await photoRows(db, [canon!, kodak!, olympus!]);

  await page.goto("/organize");
  await expect(page.getByTestId("organize-photo")).toHaveCount(4);
  // Newest first: Sony, Olympus, Kodak, Canon. Olympus, then shift-click Canon: three in a row.
  await page.getByLabel("Olympus_C8080WZ", { exact: true }).check();
  await page.getByText("Canon_40D", { exact: true }).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await expect(page.getByLabel("Sony_HDR-HC3", { exact: true })).not.toBeChecked();
  await expect(page.getByLabel("Kodak_CX7530", { exact: true })).toBeChecked();

  await page.getByRole("button", { name: "Edit details…" }).click();
  const panel = page.getByTestId("batch-edit-panel");
  const notice = page.getByTestId("bulk-notice");

  // Titles from a pattern, numbered in the order shown; markup stays text.
  await panel.getByLabel("Title").fill("Lisbon <b>{n}</b>");
  await panel.getByRole("button", { name: "Rename" }).click();
  await expect(notice).toContainText("Renamed 3 photos.");
  await expect(page.getByLabel("Lisbon <b>1</b>", { exact: true })).toBeVisible();
  expect((await photoRows(db, [olympus!, kodak!, canon!, sony!])).map((r) => r.title)).toEqual([
    "Lisbon <b>1</b>",
    "Lisbon <b>2</b>",
    "Lisbon <b>3</b>",
    "Sony_HDR-HC3",
  ]);
  // The selection stays for the next edit.
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await expect(page.getByTestId("last-batch")).toHaveText("Last change: Renamed 3 photos.");

  await panel.getByLabel("Add tags").fill("tram, lisbon");
  await panel.getByRole("button", { name: "Change tags" }).click();
  await expect(notice).toContainText("Changed the tags of 3 photos.");
  for (const row of await photoRows(db, [canon!, kodak!, olympus!])) {
    expect(row.tags).toEqual(expect.arrayContaining(["tram", "lisbon"]));
  }

  // The camera's clock was two hours fast.
  await panel.getByLabel("Shift date taken by").fill("-2");
  await panel.getByLabel("Unit").selectOption("hours");
  await panel.getByRole("button", { name: "Shift dates" }).click();
  await expect(notice).toContainText("2 hours earlier");
  const shifted = await photoRows(db, [canon!, kodak!, olympus!]);
  shifted.forEach((row, i) => {
    const was = before[i]!.taken_at;
    expect(row.taken_at?.getTime() ?? null).toBe(was ? was.getTime() - 2 * 3600_000 : null);
  });

  // Undo reverses the last batch only: the dates come back, the titles and tags stay.
  await expect(page.getByTestId("last-batch")).toContainText("Shifted the date taken of");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(notice).toContainText("Undone: Shifted the date taken of");
  await expect(page.getByTestId("last-batch")).toHaveCount(0);
  const undone = await photoRows(db, [canon!, kodak!, olympus!]);
  expect(undone.map((r) => r.taken_at?.getTime() ?? null)).toEqual(
    before.map((r) => r.taken_at?.getTime() ?? null),
  );
  expect(undone.map((r) => r.title)).toEqual(["Lisbon <b>3</b>", "Lisbon <b>2</b>", "Lisbon <b>1</b>"]);
  expect(undone[0]!.tags).toEqual(expect.arrayContaining(["tram", "lisbon"]));

  // Bad input: a clear message, nothing changed.
  await panel.getByLabel("Title").fill("   ");
  await panel.getByRole("button", { name: "Rename" }).click();
  await expect(notice).toContainText("Type a title");
  expect((await photoRows(db, [olympus!]))[0]!.title).toBe("Lisbon <b>1</b>");

  // Select by search: the filter narrows the grid, "Select all" takes what it shows.
  const filters = page.getByTestId("organize-filters");
  await filters.getByLabel("Search your photos").fill("lisbon");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("filter-count")).toHaveText("3 photos match");
  await expect(page.getByTestId("organize-photo")).toHaveCount(3);
  await page.getByLabel("Select all on this page").check();
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
});

test("the album page shows its photos first; its sharing tools open behind Share", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const {
    rows: [album],
  } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, description) VALUES ($1, 'Porto', 'Bridges and port wine') RETURNING id",
    [user.id],
  );
  await upload(page, baseURL!, db, ["Nikon_D70.jpg", "Canon_40D.jpg"], album!.id);

  await page.goto(`/albums/${album!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Porto" })).toBeVisible();
  await expect(page.getByTestId("album-photo").first()).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId("access-editor")).toBeHidden();

  const share = page.getByRole("button", { name: "Share", exact: true });
  await expect(share).toHaveAttribute("aria-expanded", "false");
  await share.click();
  await expect(share).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("access-editor")).toBeVisible();
  await expect(page.getByTestId("access-editor")).toContainText("Visible to: only you");
  await expect(page.getByTestId("share-links-panel")).toBeVisible();
  await share.click();
  await expect(page.getByTestId("access-editor")).toBeHidden();
});
