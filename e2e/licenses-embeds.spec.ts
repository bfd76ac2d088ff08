// Issue 21, part 1: licenses (upload, page, JSON-LD, API, search filter), oEmbed and Atom feeds,
// the Embed dialog, and the small mends (tags, header search).
import { randomBytes } from "node:crypto";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Page } from "@playwright/test";
import { apiGet, seedApiToken } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { FIXTURES, fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

const word = () => `lic${randomBytes(4).toString("hex")}`;

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  const text = await page.getByTestId("photo-json-ld").textContent();
  return JSON.parse(text ?? "{}") as Record<string, unknown>;
}

test("a license chosen at upload shows on the page, in the JSON-LD and the API, and the filter finds it", async ({
  page,
  browser,
  seedUser,
  db,
  baseURL,
}) => {
  const user = await seedUser();
  await signIn(page, user);

  // The person's default: new uploads start with it.
  await page.goto("/settings");
  await page.getByLabel("License for new uploads").selectOption("CC_BY");
  await page.getByTestId("settings-license-save").click();
  await expect(page.getByTestId("settings-license-status")).toHaveText("Saved.");
  await expectNoSeriousA11yViolations(page, "settings");
  const viaApi = (await (
    await postUpload(page.request, baseURL!, await fixture("cameras", "Canon_40D.jpg"), "default.jpg")
  ).json()) as { photo: { id: string } };
  const { rows: defaulted } = await db.query<{ license: string }>(
    "SELECT license FROM photos WHERE id = $1",
    [viaApi.photo.id],
  );
  expect(defaulted[0]?.license).toBe("CC_BY");

  // The upload form: a license of its own, and tags with quotes and spaces.
  const title = word();
  await page.goto("/upload");
  await page.getByTestId("file-input").setInputFiles(path.join(FIXTURES, "cameras", "Pentax_K10D.jpg"));
  const item = page.getByTestId("upload-item");
  await item.getByLabel("Title").fill(title);
  await item.getByLabel("Tags").fill('"Monument Valley", utah');
  await expect(item.getByText("Separate tags with commas; a tag may have spaces.")).toBeVisible();
  await item.getByLabel("License").selectOption("CC_BY_SA");
  await item.getByTestId("upload-save").click();
  await expect(item).toHaveAttribute("data-status", "ready", { timeout: 90_000 });
  await expect(item.getByTestId("upload-details-status")).toContainText("Saved", { timeout: 15_000 });
  const { rows } = await db.query<{ id: string; tags: string[]; license: string }>(
    "SELECT id, tags, license FROM photos WHERE owner_id = $1 AND title = $2",
    [user.id, title],
  );
  const photo = rows[0]!;
  expect(photo).toMatchObject({ tags: ["monument valley", "utah"], license: "CC_BY_SA" });

  // The page: name, mark and deed, for a visitor as for the owner.
  const visitor = await browser.newPage();
  await visitor.goto(`/photos/${photo.id}`);
  const link = visitor.getByTestId("photo-license-link");
  await expect(link).toHaveText("CC BY-SA Attribution-ShareAlike 4.0 International");
  await expect(link).toHaveAttribute("href", "https://creativecommons.org/licenses/by-sa/4.0/");
  await expect(link).toHaveAttribute("rel", /license/);
  // The file's own credit (EXIF Copyright / XMP), as the file says it.
  await expect(visitor.getByTestId("photo-license")).toBeVisible();

  // JSON-LD for search engines' "Licensable" badge.
  const ld = await jsonLd(visitor);
  expect(ld).toMatchObject({
    "@context": "https://schema.org",
    "@type": "ImageObject",
    license: "https://creativecommons.org/licenses/by-sa/4.0/",
    acquireLicensePage: `${baseURL}/photos/${photo.id}`,
    creator: { "@type": "Person", url: `${baseURL}/people/${user.handle}` },
  });
  expect(typeof ld.copyrightNotice).toBe("string");
  expect(ld.contentUrl).toMatch(new RegExp(`/media/${photo.id}/[0-9a-f]{16}/w1024\\.webp$`));

  // The API, read and changed.
  const token = await seedApiToken(db, user.id, "write");
  const read = await apiGet(page.request, `/api/v1/photos/${photo.id}`, token);
  expect((await read.json()) as unknown).toMatchObject({
    photo: {
      license: {
        id: "CC_BY_SA",
        name: "Attribution-ShareAlike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
      },
    },
  });
  const bad = await page.request.patch(`/api/v1/photos/${photo.id}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { license: "MINE_ALONE" },
  });
  expect(bad.status()).toBe(400);

  // The search filter: "only photos I may reuse" finds it; all rights reserved does not.
  await visitor.goto(`/search?q=${title}`);
  await visitor.getByLabel("License").selectOption("reuse");
  await visitor.getByRole("button", { name: "Search", exact: true }).click();
  await expect(visitor).toHaveURL(/license=reuse/);
  await expect(visitor.locator(`li[data-photo-id="${photo.id}"]`)).toHaveCount(1);
  await visitor.goto(`/search?q=${title}&license=ALL_RIGHTS_RESERVED`);
  await expect(visitor.getByText("No photos found")).toBeVisible();
  // The header's box keeps the words on the results page.
  await expect(visitor.getByTestId("header-search")).toHaveValue(title);
  const api = await apiGet(page.request, `/api/v1/search?q=${title}&license=reuse`, token);
  expect(((await api.json()) as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual([photo.id]);

  // The owner's edit form changes it.
  await page.goto(`/photos/${photo.id}`);
  await page.getByTestId("photo-edit").click();
  await page.getByTestId("photo-edit-form").getByLabel("License").selectOption("CC0");
  await page.getByTestId("photo-edit-save").click();
  await expect(page.getByTestId("photo-license-link")).toContainText("CC0");
  await visitor.close();
});

test("oEmbed and Atom: discovered from the pages, valid, public only; the Embed dialog", async ({
  page,
  browser,
  seedUser,
  db,
  baseURL,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const tag = word();
  const upload = async (name: string, file: string[]) => {
    const res = await postUpload(page.request, baseURL!, await fixture(...file), name);
    const { photo } = (await res.json()) as { photo: { id: string } };
    expect((await waitForProcessed(db, photo.id, 120_000)).status).toBe("READY");
    return photo.id;
  };
  const photo = await upload("harbour.jpg", ["cameras", "Canon_40D.jpg"]);
  const secret = await upload("secret.jpg", ["cameras", "Pentax_K10D.jpg"]);
  await db.query("UPDATE photos SET title = 'Harbour & <dawn>', tags = $2, license = 'CC_BY' WHERE id = $1", [
    photo,
    [tag],
  ]);
  await db.query("UPDATE photos SET title = 'Secret', visibility = 'PRIVATE', tags = $2 WHERE id = $1", [
    secret,
    [tag],
  ]);
  const { rows: albums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Harbours', 'PUBLIC') RETURNING id",
    [user.id],
  );
  const album = albums[0]!.id;
  const { rows: privateAlbums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title) VALUES ($1, 'Mine') RETURNING id",
    [user.id],
  );
  await db.query("UPDATE photos SET album_id = $2 WHERE id = $1", [photo, album]);

  // A context of its own (axe needs one): a visitor without a session.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const request = visitor.request;

  // oEmbed, found through the photo page's discovery link.
  await visitor.goto(`/photos/${photo}`);
  const discovery = visitor.locator('link[rel="alternate"][type="application/json+oembed"]');
  const oembedUrl = await discovery.getAttribute("href");
  expect(oembedUrl).toBe(
    `${baseURL}/oembed?${new URLSearchParams({ url: `${baseURL}/photos/${photo}`, format: "json" })}`,
  );
  const res = await request.get(oembedUrl!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const oembed = (await res.json()) as Record<string, unknown>;
  // oEmbed 1.0, section 2.3.4: the fields every response has, and those of the photo type.
  expect(oembed).toMatchObject({
    version: "1.0",
    type: "photo",
    title: "Harbour & <dawn>",
    author_name: user.displayName,
    author_url: `${baseURL}/people/${user.handle}`,
    provider_name: "Pinhole",
    provider_url: `${baseURL}/`,
    license_url: "https://creativecommons.org/licenses/by/4.0/",
  });
  for (const key of ["width", "height", "thumbnail_width", "thumbnail_height", "cache_age"]) {
    expect(Number.isInteger(oembed[key]), key).toBe(true);
  }
  expect(oembed.width as number).toBeLessThanOrEqual(1024);
  const image = await request.get(oembed.url as string);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect((await request.get(oembed.thumbnail_url as string)).status()).toBe(200);
  const small = (await (
    await request.get(`/oembed?url=${encodeURIComponent(`${baseURL}/photos/${photo}`)}&maxwidth=300`)
  ).json()) as { width: number };
  expect(small.width).toBeLessThanOrEqual(300);
  // Only JSON; nothing that is not public, and nothing that is not ours.
  expect(
    (
      await request.get(`/oembed?url=${encodeURIComponent(`${baseURL}/photos/${photo}`)}&format=xml`)
    ).status(),
  ).toBe(501);
  for (const url of [
    `${baseURL}/photos/${secret}`,
    `https://evil.example/photos/${photo}`,
    `${baseURL}/people/x`,
  ]) {
    expect((await request.get(`/oembed?url=${encodeURIComponent(url)}&format=json`)).status(), url).toBe(404);
  }
  expect((await request.get("/oembed")).status()).toBe(400);

  // The Embed dialog: loaded on demand, the same HTML as oEmbed's, accessible.
  await visitor.getByTestId("embed-button").click();
  const dialog = visitor.getByTestId("embed-dialog");
  await expect(dialog).toBeVisible();
  await expect(visitor.getByTestId("embed-code")).toHaveValue(oembed.html as string);
  expect(oembed.html).toContain('rel="license"');
  expect(oembed.html).toContain("Harbour &amp; &lt;dawn&gt;");
  await expectNoSeriousA11yViolations(visitor, "embed dialog");
  await visitor.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(visitor.getByTestId("embed-button")).toBeFocused();

  // A private photo's page has neither.
  await page.goto(`/photos/${secret}`);
  await expect(page.getByTestId("embed-button")).toHaveCount(0);
  await expect(page.locator('link[type="application/json+oembed"]')).toHaveCount(0);
  await expect(page.getByTestId("photo-json-ld")).toHaveCount(0);

  // Atom: the person's, the tag's and the public album's feeds, linked from their pages.
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (n) => n === "entry",
  });
  const readFeed = async (pagePath: string) => {
    await visitor.goto(pagePath);
    const href = await visitor
      .locator('link[rel="alternate"][type="application/atom+xml"]')
      .getAttribute("href");
    expect(href, pagePath).toBeTruthy();
    const feed = await request.get(href!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml) as {
      feed: {
        "@xmlns": string;
        id: string;
        title: string;
        updated: string;
        author: { name: string };
        entry?: {
          id: string;
          title: string;
          updated: string;
          link: { "@href": string };
          content: { "@type": string; "#text": string };
        }[];
      };
    };
    // RFC 4287: a feed has an id, a title and an updated time; so has each entry, with a link.
    expect(parsed.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(parsed.feed.id).toMatch(/^http/);
    expect(Number.isNaN(Date.parse(parsed.feed.updated))).toBe(false);
    for (const entry of parsed.feed.entry ?? []) {
      expect(entry.id).toMatch(/^http/);
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    }
    return parsed.feed;
  };
  for (const pagePath of [`/people/${user.handle}`, `/tags/${tag}`, `/albums/${album}`]) {
    const feed = await readFeed(pagePath);
    expect(
      feed.entry?.map((e) => e.link["@href"]),
      pagePath,
    ).toEqual([`${baseURL}/photos/${photo}`]);
    expect(feed.entry?.[0]?.title).toBe("Harbour & <dawn>");
    expect(feed.entry?.[0]?.content).toMatchObject({
      "@type": "html",
      "#text": expect.stringContaining("<img"),
    });
  }
  // The album's oEmbed is "rich", with its cover.
  const albumOembedUrl = await visitor.locator('link[type="application/json+oembed"]').getAttribute("href");
  expect((await (await request.get(albumOembedUrl!)).json()) as unknown).toMatchObject({
    version: "1.0",
    type: "rich",
    title: "Harbours",
  });
  // No feed for an album nobody may see.
  expect((await request.get(`/albums/${privateAlbums[0]!.id}/atom`)).status()).toBe(404);
  expect((await request.get(`/people/no-such-${tag}/atom`)).status()).toBe(404);
  await visitorContext.close();
});
