// Share links as people use them: the owner makes a link on a private photo or album and sends it;
// someone with no account opens it and sees exactly that (image included) and nothing of the owner's
// own; revoking closes the page and every size of its media on the next request; a password link
// opens only for the right password and opens no other link.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import type pg from "pg";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

const WIDTHS = [50, 240, 320, 500, 640, 800, 1024, 1600, 2048];

interface Uploaded {
  id: string;
  secret: string;
}

/** Uploads fixtures as the signed-in owner (into `album` if given), makes them PRIVATE, waits for them. */
async function uploadPrivate(
  request: APIRequestContext,
  baseURL: string,
  db: pg.Pool,
  files: [folder: string, name: string][],
  album?: string,
): Promise<Uploaded[]> {
  const out: Uploaded[] = [];
  for (const [folder, name] of files) {
    const res = await postUpload(request, baseURL, await fixture(folder, name), name, { album });
    expect(res.status(), await res.text()).toBe(201);
    const { photo } = (await res.json()) as { photo: { id: string } };
    expect((await waitForProcessed(db, photo.id)).status).toBe("READY");
    const { rows } = await db.query<{ media_secret: string }>(
      "UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1 RETURNING media_secret",
      [photo.id],
    );
    out.push({ id: photo.id, secret: rows[0]!.media_secret });
  }
  return out;
}

/** Creates a link in the owner's panel on the current page and returns its token. */
async function createLink(page: Page, options: { password?: string } = {}): Promise<string> {
  const panel = page.getByTestId("share-links-panel");
  await expect(panel).toHaveAttribute("data-ready", "true");
  const rows = panel.getByTestId("share-link");
  const before = await rows.count();
  await panel.getByTestId("share-link-password").fill(options.password ?? "");
  await panel.getByTestId("share-link-create").click();
  await expect(rows).toHaveCount(before + 1);
  // Newest first; the URL is absolute (the page's origin) once the panel is hydrated.
  const url = await rows.first().getByTestId("share-link-url").inputValue();
  const match = /^http:\/\/[^/]+\/s\/([A-Za-z0-9_-]{32})$/.exec(url);
  expect(match, url).not.toBeNull();
  return match![1]!;
}

async function expectNoSeriousA11yViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

async function expectImageLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
}

const mediaUrl = (photo: Uploaded, file: string, token: string) =>
  `/media/${photo.id}/${photo.secret}/${file}?s=${token}`;

test("a link to a private photo opens that photo for anyone, nothing else, until it is revoked", async ({
  browser,
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const [photo, other] = await uploadPrivate(page.request, baseURL!, db, [
    ["gps", "DSCN0010.jpg"],
    ["cameras", "Canon_40D.jpg"],
  ]);
  await page.goto(`/photos/${photo!.id}`);
  const token = await createLink(page);
  await expect(page.getByTestId("share-link").first()).toContainText("Never expires");
  await expect(page.getByTestId("share-link").first()).toContainText("No password");
  await expectNoSeriousA11yViolations(page, '[data-testid="share-links-panel"]');

  // Someone with no account.
  const visitor = await (await browser.newContext()).newPage();
  const res = await visitor.goto(`/s/${token}`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectImageLoaded(visitor.getByTestId("shared-photo-image"));
  expect(
    await visitor.getByTestId("shared-photo-image").evaluate((i: HTMLImageElement) => i.currentSrc),
  ).toMatch(new RegExp(`/media/${photo!.id}/${photo!.secret}/w\\d+\\.webp\\?s=${token}$`));
  await expect(visitor.getByTestId("photo-camera")).toHaveText("NIKON COOLPIX P6000");
  await expectNoSeriousA11yViolations(visitor);

  // Nothing of the owner's own in the page: no email, no storage key or file name, no location.
  const html = await res!.text();
  const { rows } = await db.query<{ original_key: string; original_name: string; lat: number; lon: number }>(
    "SELECT original_key, original_name, gps_latitude AS lat, gps_longitude AS lon FROM photos WHERE id = $1",
    [photo!.id],
  );
  const facts = rows[0]!;
  expect(facts.lat).not.toBeNull();
  const variants = await db.query<{ key: string }>("SELECT key FROM photo_variants WHERE photo_id = $1", [
    photo!.id,
  ]);
  for (const secret of [
    owner.email,
    facts.original_key,
    facts.original_name,
    ...variants.rows.map((v) => v.key),
    facts.lat.toFixed(4),
    facts.lon.toFixed(4),
    "°",
    "/original",
    `/people/${owner.handle}`,
  ]) {
    expect(html, `the share page must not contain ${secret}`).not.toContain(secret);
  }

  // The media answers the link privately, never for shared caches; the original is not the link's.
  const media = await visitor.request.get(mediaUrl(photo!, "w640.webp", token));
  expect(media.status()).toBe(200);
  expect(media.headers()["cache-control"]).toBe("private, no-store");
  expect((await visitor.request.get(mediaUrl(photo!, "original", token))).status()).toBe(404);

  // The token opens that photo only: not the owner's other photo, by page or by media.
  expect((await visitor.goto(`/s/${token}/${other!.id}`))?.status()).toBe(404);
  expect((await visitor.request.get(mediaUrl(other!, "w640.webp", token))).status()).toBe(404);
  // And the photo itself stays private everywhere else.
  expect((await visitor.goto(`/photos/${photo!.id}`))?.status()).toBe(404);
  expect((await visitor.request.get(`/media/${photo!.id}/${photo!.secret}/w640.webp`)).status()).toBe(404);
  expect((await visitor.goto(`/s/${token.slice(0, 31)}x`))?.status()).toBe(404);

  // The owner revokes it: the very next requests are refused, page and every size.
  const row = page.getByTestId("share-link").first();
  await row.getByTestId("share-link-revoke").click();
  await row.getByTestId("share-link-revoke-yes").click();
  await expect(page.getByTestId("share-link")).toHaveCount(0);
  const gone = await visitor.goto(`/s/${token}`);
  expect(gone?.status()).toBe(404);
  for (const file of [...WIDTHS.map((w) => `w${w}.webp`), "original"]) {
    expect((await visitor.request.get(mediaUrl(photo!, file, token))).status(), file).toBe(404);
  }
});

test("a password link asks for its password, and unlocking it unlocks no other link", async ({
  browser,
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const [photo] = await uploadPrivate(page.request, baseURL!, db, [["cameras", "Canon_40D.jpg"]]);
  await page.goto(`/photos/${photo!.id}`);
  const first = await createLink(page, { password: "open sesame" });
  const second = await createLink(page, { password: "open sesame" });
  await expect(page.getByTestId("share-link").first()).toContainText("Password");

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`/s/${first}`);
  const form = visitor.getByTestId("share-unlock-form");
  await expect(form).toBeVisible();
  await expect(visitor.getByTestId("shared-photo")).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);
  // Locked: the media refuses the link as well.
  expect((await visitor.request.get(mediaUrl(photo!, "w640.webp", first))).status()).toBe(404);

  await form.getByLabel("Password").fill("open sesame?");
  await form.getByRole("button", { name: "Open" }).click();
  await expect(form.getByText("That password is not right.")).toBeVisible();
  await expect(visitor.getByTestId("shared-photo")).toHaveCount(0);

  await form.getByLabel("Password").fill("open sesame");
  await form.getByRole("button", { name: "Open" }).click();
  await expectImageLoaded(visitor.getByTestId("shared-photo-image"));
  expect((await visitor.request.get(mediaUrl(photo!, "w640.webp", first))).status()).toBe(200);
  const cookies = await context.cookies();
  const unlock = cookies.filter((c) => c.name.startsWith("pinhole-share-"));
  expect(unlock).toHaveLength(1);
  expect(unlock[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // The second link, to the same photo with the same password, stays locked.
  await visitor.goto(`/s/${second}`);
  await expect(visitor.getByTestId("share-unlock-form")).toBeVisible();
  await expect(visitor.getByTestId("shared-photo")).toHaveCount(0);
  expect((await visitor.request.get(mediaUrl(photo!, "w640.webp", second))).status()).toBe(404);
  // The first link's cookie value, sent under the second link's name, opens nothing either.
  const { rows } = await db.query<{ id: string }>("SELECT id FROM share_links WHERE token = $1", [second]);
  await context.addCookies([{ ...unlock[0]!, name: `pinhole-share-${rows[0]!.id}` }]);
  expect((await visitor.request.get(mediaUrl(photo!, "w640.webp", second))).status()).toBe(404);
  await visitor.goto(`/s/${second}`);
  await expect(visitor.getByTestId("share-unlock-form")).toBeVisible();
});

test("an album link shows that album's photos only, each under the same link", async ({
  browser,
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, description) VALUES ($1, 'Trip <b>2008</b>', 'Two days') RETURNING id",
    [owner.id],
  );
  const albumId = rows[0]!.id;
  const other = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title) VALUES ($1, 'Elsewhere') RETURNING id",
    [owner.id],
  );
  await signIn(page, owner);
  const inside = await uploadPrivate(
    page.request,
    baseURL!,
    db,
    [
      ["cameras", "Canon_40D.jpg"],
      ["cameras", "Kodak_CX7530.jpg"],
    ],
    albumId,
  );
  const [outside] = await uploadPrivate(
    page.request,
    baseURL!,
    db,
    [["cameras", "Sony_HDR-HC3.jpg"]],
    other.rows[0]!.id,
  );

  await page.goto(`/albums/${albumId}`);
  // The album's sharing tools are behind its "Share" button.
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const token = await createLink(page);

  const visitor = await (await browser.newContext()).newPage();
  const res = await visitor.goto(`/s/${token}`);
  expect(res?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Trip <b>2008</b>");
  const tiles = visitor.getByTestId("shared-album-photo");
  await expect(tiles).toHaveCount(2);
  expect(await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-photo-id")))).toEqual(
    inside.map((p) => p.id),
  );
  await expectImageLoaded(tiles.first().locator("img"));
  await expectNoSeriousA11yViolations(visitor);
  expect(await res!.text()).not.toContain(owner.email);

  await tiles.nth(1).locator("a").click();
  await visitor.waitForURL(`**/s/${token}/${inside[1]!.id}`);
  await expectImageLoaded(visitor.getByTestId("shared-photo-image"));

  // A photo of another album, even the same owner's, is not the link's.
  expect((await visitor.goto(`/s/${token}/${outside!.id}`))?.status()).toBe(404);
  expect((await visitor.request.get(mediaUrl(outside!, "w320.webp", token))).status()).toBe(404);
  expect((await visitor.goto(`/albums/${albumId}`))?.status()).toBe(404);
});
