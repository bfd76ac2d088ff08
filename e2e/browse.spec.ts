// Browsing: explore, a person's photostream, the justified grid and its infinite scroll, as visitors
// and owners see them; keyset pages under concurrent uploads; 404s; accessibility; the JS budget.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import type pg from "pg";
import type { PhotoCard, PhotoPage } from "../src/lib/photo-card";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 120_000 });

/**
 * Uploads a small real photo (`file` from test/fixtures/photos/cameras; one person cannot upload the
 * same bytes twice) as the signed-in user and waits until its thumbnails exist.
 */
async function uploadPhoto(
  page: Page,
  baseURL: string,
  db: pg.Pool,
  title: string,
  visibility = "PUBLIC",
  file = "Canon_40D.jpg",
) {
  const res = await postUpload(page.request, baseURL, await fixture("cameras", file), `${title}.jpg`);
  expect(res.status(), await res.text()).toBe(201);
  const id: string = (await res.json()).photo.id;
  expect((await waitForProcessed(db, id)).status).toBe("READY");
  await db.query("UPDATE photos SET title = $1, visibility = $2::visibility WHERE id = $3", [
    title,
    visibility,
    id,
  ]);
  return id;
}

/**
 * New READY photo rows that share a real photo's stored variants: a grid needs only rows, and this
 * way their tiles show a real image. Rows only: deleting them leaves the source's files alone.
 */
async function clonePhotos(
  db: pg.Pool,
  sourceId: string,
  owner: { id: string; defaultAlbumId: string },
  createdAt: Date[],
  visibility = "PUBLIC",
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, at] of createdAt.entries()) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size,
                           sha256, width, height, thumbhash, created_at)
       SELECT $1, $2, $3, $4::visibility, 'READY', original_key, mime_type, byte_size, $5, width, height,
              thumbhash, $6
       FROM photos WHERE id = $7 RETURNING id`,
      [
        owner.id,
        owner.defaultAlbumId,
        `Copy ${i + 1}`,
        visibility,
        randomBytes(32).toString("hex"),
        at,
        sourceId,
      ],
    );
    const id = rows[0]!.id;
    await db.query(
      `INSERT INTO photo_variants (photo_id, width, height, format, key, byte_size)
       SELECT $1, width, height, format, key, byte_size FROM photo_variants WHERE photo_id = $2`,
      [id, sourceId],
    );
    ids.push(id);
  }
  return ids;
}

async function apiPage(request: APIRequestContext, query: string): Promise<PhotoPage> {
  const res = await request.get(`/api/photos?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as PhotoPage;
}

const tag = () => randomBytes(4).toString("hex");

test("a visitor browses explore and a photostream; only the owner sees their private photo, marked", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const ada = await seedUser({ displayName: "Ada Browse" });
  const bob = await seedUser();
  const t = tag();
  const shown = `Harbour at dusk ${t}`;
  const hidden = `Secret garden ${t}`;
  const bobsSecret = `Bob's private ${t}`;
  await signIn(page, ada);
  const publicId = await uploadPhoto(page, baseURL!, db, shown);
  const privateId = await uploadPhoto(page, baseURL!, db, hidden, "PRIVATE", "Nikon_D70.jpg");
  const [bobsId] = await clonePhotos(db, publicId, bob, [new Date()], "PRIVATE");
  await db.query("UPDATE photos SET title = $1 WHERE id = $2", [bobsSecret, bobsId]);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/");
  const explore = visitor.getByRole("list", { name: "Newest public photos" });
  await expect(explore.getByRole("link", { name: shown, exact: true })).toBeVisible();
  await expect(explore.getByRole("link", { name: shown, exact: true })).toHaveAttribute(
    "href",
    `/photos/${publicId}`,
  );
  await expect(visitor.getByRole("img", { name: hidden })).toHaveCount(0);
  await expect(visitor.getByRole("img", { name: bobsSecret })).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor, "explore (visitor)");

  await visitor.goto(`/people/${ada.handle}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Ada Browse" })).toBeVisible();
  await expect(visitor.getByTestId("person-counts")).toHaveText("1 photo · 0 albums");
  const stream = visitor.getByRole("list", { name: "Photos by Ada Browse" });
  await expect(stream.getByRole("listitem")).toHaveCount(1);
  await expect(stream.getByRole("link", { name: shown, exact: true })).toBeVisible();
  await expect(visitor.getByRole("img", { name: hidden })).toHaveCount(0);
  await expect(visitor.getByRole("link", { name: "Organize" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor, "photostream (visitor)");

  // The API a visitor's infinite scroll calls leaks nothing either.
  const visitorIds = (await apiPage(visitorContext.request, `scope=stream&owner=${ada.handle}`)).photos.map(
    (p) => p.id,
  );
  expect(visitorIds).toEqual([publicId]);
  const exploreIds = (await apiPage(visitorContext.request, "scope=explore")).photos.map((p) => p.id);
  expect(exploreIds).toContain(publicId);
  expect(exploreIds).not.toContain(privateId);
  expect(exploreIds).not.toContain(bobsId);
  await visitorContext.close();

  // The owner sees both, the private one marked, and the links to manage them.
  await page.goto(`/people/${ada.handle}`);
  await expect(page.getByTestId("person-counts")).toHaveText("2 photos · 1 album");
  const own = page.getByRole("list", { name: "Photos by Ada Browse" });
  await expect(own.getByRole("listitem")).toHaveCount(2);
  const privateTile = own.getByRole("link", { name: hidden });
  await expect(privateTile).toContainText("Private");
  await expect(privateTile).toHaveAccessibleName(`${hidden} Private`);
  await expect(own.getByRole("link", { name: shown })).not.toContainText("Private");
  await expect(page.getByRole("main").getByRole("link", { name: "Organize" })).toHaveAttribute(
    "href",
    "/organize",
  );
  await expect(page.getByRole("main").getByRole("link", { name: "Upload", exact: true })).toHaveAttribute(
    "href",
    "/upload",
  );
  await expect(page.getByRole("img", { name: bobsSecret })).toHaveCount(0);
  // Signed in, explore still shows only public photos, the owner's private one included.
  await page.goto("/");
  await expect(page.getByRole("link", { name: shown, exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: hidden })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "photostream (owner)");
});

test("while a visitor is on page 2 of explore, new uploads appear; page 3 neither repeats nor skips", async ({
  page,
  baseURL,
  request,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const source = await uploadPhoto(page, baseURL!, db, `Source ${tag()}`);
  // Dated a minute ahead, so nothing another test uploads meanwhile lands among them and the
  // expected pages are exactly these; removed at the end so they do not crowd explore for long.
  const base = Date.now() + 60_000;
  const seeded = await clonePhotos(
    db,
    source,
    user,
    // Pairs share a timestamp: the id must break the tie for pages to be stable.
    Array.from({ length: 17 }, (_, i) => new Date(base - Math.floor(i / 2) * 1000)),
  );
  const added: string[] = [];
  try {
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM photos WHERE id = ANY($1) ORDER BY created_at DESC, id DESC",
      [seeded],
    );
    const expected = rows.map((r) => r.id);

    const page1 = await apiPage(request, "scope=explore&limit=5");
    const page2 = await apiPage(request, `scope=explore&limit=5&before=${page1.nextCursor}`);
    // New uploads while the visitor is on page 2, newer than everything.
    added.push(...(await clonePhotos(db, source, user, [new Date(base + 5_000), new Date(base + 6_000)])));
    const page3 = await apiPage(request, `scope=explore&limit=5&before=${page2.nextCursor}`);

    const seen: PhotoCard[] = [...page1.photos, ...page2.photos, ...page3.photos];
    const ids = seen.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.slice(0, 15));
    expect(page3.nextCursor).not.toBeNull();
    // Strictly newest first across the page boundaries.
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
    }
    // The new uploads appear for whoever starts again from the top.
    const fresh = await apiPage(request, "scope=explore&limit=3");
    expect(fresh.photos.map((p) => p.id)).toEqual([added[1], added[0], expected[0]]);
  } finally {
    await db.query("DELETE FROM photos WHERE id = ANY($1)", [[...seeded, ...added]]);
  }
});

test("the photostream loads more photos with the button and by scrolling", async ({
  page,
  browser,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser({ displayName: "Scroll Person" });
  await signIn(page, user);
  const source = await uploadPhoto(page, baseURL!, db, `Source ${tag()}`);
  // 64 more, dated long ago so they sit at the far end of explore.
  const old = Date.parse("2001-06-01T12:00:00.000Z");
  await clonePhotos(
    db,
    source,
    user,
    Array.from({ length: 64 }, (_, i) => new Date(old - i * 60_000)),
  );
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM photos WHERE owner_id = $1 ORDER BY created_at DESC, id DESC",
    [user.id],
  );
  const order = rows.map((r) => r.id);
  expect(order).toHaveLength(65);

  // Without an IntersectionObserver only the button loads more, and focus moves to the first new photo.
  const keyboard = await browser.newContext();
  await keyboard.addInitScript(() => {
    Reflect.deleteProperty(window, "IntersectionObserver");
  });
  const visitor = await keyboard.newPage();
  await visitor.goto(`/people/${user.handle}`);
  const tiles = visitor.getByRole("list", { name: "Photos by Scroll Person" }).getByRole("listitem");
  await expect(tiles).toHaveCount(60);
  const more = visitor.getByRole("button", { name: "Load more photos" });
  await more.focus();
  await visitor.keyboard.press("Enter");
  await expect(tiles).toHaveCount(65);
  await expect(visitor.getByRole("status")).toHaveText("5 more photos loaded, 65 in all.");
  await expect(visitor.getByText("That’s all of them.")).toBeVisible();
  await expect(visitor.locator(`li[data-photo-id="${order[60]}"] a`)).toBeFocused();
  expect(await tiles.evaluateAll((els) => els.map((el) => el.getAttribute("data-photo-id")))).toEqual(order);
  await keyboard.close();

  // With one, scrolling to the end is enough. Tiles do not prefetch their pages as they appear
  // (60 server renders a visit); the one under the pointer does.
  const prefetches: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/photos/")) prefetches.push(new URL(r.url()).pathname);
  });
  await page.goto(`/people/${user.handle}`, { waitUntil: "networkidle" });
  const own = page.getByRole("list", { name: "Photos by Scroll Person" }).getByRole("listitem");
  await expect(own).toHaveCount(60);
  expect(prefetches).toEqual([]);
  const hovered = page.waitForRequest((r) => new URL(r.url()).pathname === `/photos/${order[2]}`);
  await own.nth(2).hover();
  await hovered;
  await page.getByText("Load more photos").scrollIntoViewIfNeeded();
  await expect(own).toHaveCount(65);
});

test("the grid lays photos out in justified rows that fill the width", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser({ displayName: "Row Person" });
  await signIn(page, user);
  const source = await uploadPhoto(page, baseURL!, db, `Source ${tag()}`);
  await clonePhotos(
    db,
    source,
    user,
    Array.from({ length: 11 }, (_, i) => new Date(Date.parse("2001-01-01") - i)),
  );
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/people/${user.handle}`);
    const list = page.getByRole("list", { name: "Photos by Row Person" });
    await expect(list.getByRole("listitem")).toHaveCount(12);
    // Once measured, tiles carry pixel sizes; group them into rows by their top edge.
    await expect(list.getByRole("listitem").first()).toHaveAttribute("style", /height: \d/);
    const boxes = await list
      .getByRole("listitem")
      .evaluateAll((els) =>
        els
          .map((el) => el.getBoundingClientRect())
          .map((r) => ({ top: r.top, left: r.left, right: r.right, h: r.height })),
      );
    const listBox = (await list.boundingBox())!;
    const rows = new Map<number, typeof boxes>();
    for (const box of boxes) rows.set(Math.round(box.top), [...(rows.get(Math.round(box.top)) ?? []), box]);
    const all = [...rows.values()];
    expect(all.length).toBeGreaterThan(1);
    for (const [i, row] of all.entries()) {
      // Equal heights within a row.
      for (const box of row) expect(Math.abs(box.h - row[0]!.h)).toBeLessThan(1);
      const right = Math.max(...row.map((b) => b.right));
      if (i < all.length - 1) expect(Math.abs(right - (listBox.x + listBox.width))).toBeLessThan(1.5);
      else expect(right).toBeLessThanOrEqual(listBox.x + listBox.width + 0.5);
    }
    const target = width < 640 ? 140 : 220;
    for (const row of all.slice(0, -1)) {
      expect(row[0]!.h).toBeGreaterThan(target * 0.6);
      expect(row[0]!.h).toBeLessThan(target * 1.6);
    }
  }
});

test("an unknown person is a 404 page, and the photos API answers bad requests with coded errors", async ({
  page,
  request,
}) => {
  for (const handle of ["no-such-person-here", "Bad%20Handle!", "%E2%80%AEevil"]) {
    const res = await page.goto(`/people/${handle}`);
    expect(res?.status(), handle).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This picture is out of frame");
  }
  const cases: [string, number, string][] = [
    ["scope=stream&owner=no-such-person-here", 404, "not_found"],
    ["scope=album&album=00000000-0000-4000-8000-000000000000", 404, "not_found"],
    ["scope=album&album=not-an-id", 400, "bad_request"],
    ["scope=everything", 400, "bad_request"],
    ["", 400, "bad_request"],
    ["scope=explore&limit=1000", 400, "bad_request"],
    ["scope=explore&before=not-a-cursor", 400, "bad_request"],
  ];
  for (const [query, status, code] of cases) {
    const res = await request.get(`/api/photos?${query}`);
    expect(res.status(), query).toBe(status);
    expect((await res.json()).error.code, query).toBe(code);
    expect(res.headers()["cache-control"]).toBe("private, no-store");
  }
  const ok = await request.get("/api/photos?scope=explore&limit=1");
  expect(ok.headers()["cache-control"]).toMatch(/^public/);
});

test("explore's first load sends under 200 KB of JavaScript, compressed", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    sizes.push(
      response
        .request()
        .sizes()
        .then((s) => ({
          url: response.url(),
          bytes: s.responseBodySize,
          encoding: response.headers()["content-encoding"] ?? "identity",
        })),
    );
  });
  await page.goto("/", { waitUntil: "networkidle" });
  const scripts = await Promise.all(sizes);
  const total = scripts.reduce((n, s) => n + s.bytes, 0);
  console.log(
    `explore first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB as transferred`,
  );
  expect(scripts.length).toBeGreaterThan(0);
  // Measured compressed: next start gzips scripts for a browser that asks.
  for (const s of scripts.filter((s) => s.bytes > 4096)) expect(s.encoding, s.url).toMatch(/gzip|br|zstd/);
  expect(total).toBeLessThan(200 * 1024);
  await context.close();
});
