import { expect, signIn, test } from "./support/fixtures";

// The README's picture of the running site, retaken by every e2e run so it never goes stale.
test("README screenshot of the running site", async ({ browser, seedUser }) => {
  const user = await seedUser({ displayName: "Ana Lima" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, user);
  await page.goto("/");
  await expect(page.getByRole("banner").getByText("Ana Lima")).toBeVisible();
  await page.screenshot({ path: "docs/screenshot.png" });
  await context.close();
});

test("the site follows the system's dark theme and fits a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  // Paint the body's computed background on a canvas to read it as RGB, whatever colour syntax it uses.
  const channels = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d")!;
    const body = getComputedStyle(document.body).backgroundColor;
    const transparent = body === "transparent" || body === "rgba(0, 0, 0, 0)";
    ctx.fillStyle = transparent ? getComputedStyle(document.documentElement).backgroundColor : body;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data);
  });
  expect(channels[3]).toBe(255);
  for (const c of channels.slice(0, 3)) expect(c).toBeLessThan(80);
  // Nothing overflows sideways on a 375 px screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
