// Watermarks (issue 21): set in settings, drawn on display variants from 800 px up through the job
// queue; the 1600 px variant differs from the unmarked one only in its corner, the small ones and
// the original are untouched, and the media URLs change.
import { createHash } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 240_000 });

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function bytes(request: APIRequestContext, url: string): Promise<Buffer> {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return Buffer.from(await res.body());
}

/** The photo's media base as its page links it (`/media/<id>/<version>`), whatever the URL scheme. */
async function mediaBaseOf(page: Page, photoId: string): Promise<string> {
  await page.goto(`/photos/${photoId}`);
  const src = await page.getByTestId("photo-image").getAttribute("src");
  expect(src).toMatch(new RegExp(`^/media/${photoId}/`));
  return src!.replace(/\/w\d+\.webp$/, "");
}

// WebP's lossy encoder tunes its quantisers to the whole picture, so a mark in one corner nudges
// other pixels by a level or two; a changed pixel is one that moved by more than that.
const CHANGED = 40;

/** The share of pixels changed inside the bottom-right box (half the width, a fifth of the height) and outside it. */
async function changedShares(before: Buffer, after: Buffer) {
  const a = await sharp(before).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(after).removeAlpha().raw().toBuffer();
  const { width, height } = a.info;
  const n = { in: 0, inChanged: 0, out: 0, outChanged: 0 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const d = Math.max(
        Math.abs(a.data[i]! - b[i]!),
        Math.abs(a.data[i + 1]! - b[i + 1]!),
        Math.abs(a.data[i + 2]! - b[i + 2]!),
      );
      const inside = x >= width / 2 && y >= (height * 4) / 5;
      n[inside ? "in" : "out"]++;
      if (d > CHANGED) n[inside ? "inChanged" : "outChanged"]++;
    }
  }
  return { inside: n.inChanged / n.in, outside: n.outChanged / n.out, width, height };
}

test("a watermark set in settings redraws the display sizes in its corner, through the queue, under new URLs", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  const original = await fixture("large", "jolla.jpg");
  const res = await postUpload(page.request, baseURL!, original, "jolla.jpg");
  expect(res.status(), await res.text()).toBe(201);
  const { photo } = (await res.json()) as { photo: { id: string } };
  expect((await waitForProcessed(db, photo.id)).status).toBe("READY");
  const base1 = await mediaBaseOf(page, photo.id);
  const [plain1600, plain500, originalBefore] = await Promise.all([
    bytes(page.request, `${base1}/w1600.webp`),
    bytes(page.request, `${base1}/w500.webp`),
    bytes(page.request, `${base1}/original`),
  ]);
  expect(sha(originalBefore)).toBe(sha(original));

  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Watermark" });
  await form.getByLabel("Text").fill("© Pinhole e2e");
  await form.getByLabel("Corner").selectOption({ label: "Bottom right" });
  await form.getByLabel("Opacity (%)").fill("90");
  await form.getByRole("button", { name: "Save watermark" }).click();
  await expect(page.getByTestId("watermark-status")).toHaveText(/1 photo is being redrawn/);
  await expectNoSeriousA11yViolations(page);

  // The job writes the new variants, then gives the photo new media URLs.
  await expect.poll(() => mediaBaseOf(page, photo.id), { timeout: 120_000 }).not.toBe(base1);
  const base2 = await mediaBaseOf(page, photo.id);
  expect((await page.request.get(`${base1}/w1600.webp`)).status()).toBe(404);

  const [marked1600, marked500, originalAfter] = await Promise.all([
    bytes(page.request, `${base2}/w1600.webp`),
    bytes(page.request, `${base2}/w500.webp`),
    bytes(page.request, `${base2}/original`),
  ]);
  const shares = await changedShares(plain1600, marked1600);
  expect(shares.width).toBe(1600);
  expect(shares.inside).toBeGreaterThan(0.01);
  expect(shares.outside).toBe(0);
  // Below 800 px nothing is drawn: the same bytes; the original is the file as uploaded.
  expect(sha(marked500)).toBe(sha(plain500));
  expect(sha(originalAfter)).toBe(sha(original));

  // Saving the same watermark again redraws nothing.
  await page.goto("/settings");
  await page.getByRole("form", { name: "Watermark" }).getByRole("button", { name: "Save watermark" }).click();
  await expect(page.getByTestId("watermark-status")).toHaveText("Saved.");
});

test("a watermark that is too long is refused beside its field and nothing is queued", async ({
  page,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  await signIn(page, owner);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Watermark" });
  await form.getByLabel("Text").evaluate((el: HTMLInputElement) => el.removeAttribute("maxlength"));
  await form.getByLabel("Text").fill("x".repeat(61));
  await form.getByRole("button", { name: "Save watermark" }).click();
  await expect(form.getByLabel("Text")).toHaveAccessibleDescription(/Keep the watermark to 60 characters/);
  const { rows } = await db.query("SELECT watermark_text FROM users WHERE id = $1", [owner.id]);
  expect(rows[0].watermark_text).toBeNull();
});
