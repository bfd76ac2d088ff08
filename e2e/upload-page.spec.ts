// The upload page as a photographer uses it: many files at once, a queue that goes one at a time,
// thumbnails as soon as they are ready, details edited on the way, errors in plain words.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, signIn, test } from "./support/fixtures";
import { FIXTURES } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

test("a photographer drops several photos, watches them go up, and names one", async ({
  page,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { name: "Upload photos" })).toBeVisible();
  await expect(page.getByTestId("upload-empty")).toBeVisible();

  const files = [
    path.join(FIXTURES, "orientation", "portrait_6.jpg"),
    path.join(FIXTURES, "cameras", "Pentax_K10D.jpg"),
    path.join(FIXTURES, "gps", "DSCN0021.jpg"),
    path.join(FIXTURES, "heic", "samplefilehub.heif"),
    path.join(FIXTURES, "broken", "corrupted.jpg"),
  ];
  await page.getByTestId("file-input").setInputFiles(files);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(5);

  // Name the first photo while the queue is still going.
  const first = items.filter({ hasText: "portrait_6.jpg" });
  await first.getByLabel("Title").fill("Lisbon <script>alert(1)</script> tram");
  await first.getByLabel("Tags").fill("lisbon, tram 28");
  // Saved now if the photo exists already, or as soon as it does.
  await first.getByTestId("upload-save").click();

  for (const name of ["portrait_6.jpg", "Pentax_K10D.jpg", "DSCN0021.jpg", "samplefilehub.heif"]) {
    const item = items.filter({ hasText: name });
    await expect(item).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
    const thumbnail = item.getByTestId("upload-thumbnail");
    await expect(thumbnail).toBeVisible();
    // The image really loaded (not just a placeholder).
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  }
  const damaged = items.filter({ hasText: "corrupted.jpg" });
  await expect(damaged).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await expect(damaged.getByTestId("upload-error")).toContainText("damaged");
  await expect(page.getByTestId("upload-summary")).toContainText("4 of 5 uploaded");

  // The details were saved, as text.
  await expect(first.getByTestId("upload-details-status")).toContainText("Saved", { timeout: 15_000 });
  await expect
    .poll(
      async () =>
        (
          await db.query(
            "SELECT title, tags FROM photos WHERE owner_id = $1 AND original_name = 'portrait_6.jpg'",
            [user.id],
          )
        ).rows[0],
    )
    .toEqual({ title: "Lisbon <script>alert(1)</script> tram", tags: ["lisbon", "tram 28"] });

  // The queue survives moving around the site.
  await page.getByRole("banner").getByRole("link", { name: "Explore" }).click();
  await page.getByRole("banner").getByRole("link", { name: "Upload" }).click();
  await expect(items).toHaveCount(5);
});

test("a file over the limit is refused before it is sent, in plain words", async ({ page, seedUser }) => {
  const user = await seedUser();
  await signIn(page, user);
  await page.goto("/upload");
  const huge = test.info().outputPath("huge.jpg");
  await writeFile(huge, Buffer.alloc(61 * 1024 * 1024, 0xff));
  await page.getByTestId("file-input").setInputFiles(huge);
  const item = page.getByTestId("upload-item");
  await expect(item).toHaveAttribute("data-status", "failed");
  await expect(item.getByTestId("upload-error")).toHaveText(/too large: 61 MB, the limit is 50 MB/);
});

test("a text file is refused by the server as not an image", async ({ page, seedUser }) => {
  const user = await seedUser();
  await signIn(page, user);
  await page.goto("/upload");
  await page.getByTestId("file-input").setInputFiles({
    name: "notes.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<html><body>definitely not a photo</body></html>"),
  });
  const item = page.getByTestId("upload-item");
  await expect(item).toHaveAttribute("data-status", "failed");
  await expect(item.getByTestId("upload-error")).toContainText("not an image");
});

test("the upload page is for signed-in people", async ({ page }) => {
  await page.goto("/upload");
  await page.waitForURL(/\/sign-in\?callbackUrl=/);
});
