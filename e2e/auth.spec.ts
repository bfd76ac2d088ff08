import { randomBytes } from "node:crypto";
import { expect, signIn, signInWithForm, test } from "./support/fixtures";

const unique = () => randomBytes(4).toString("hex");

test("a visitor signs up, signs out, and signs back in", async ({ page }) => {
  const id = unique();
  const email = `ana-${id}@example.test`;
  const password = "correct horse battery";

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill("Ana Lima");
  await page.getByLabel("Handle").fill(`ana-${id}`);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // No automatic sign-in: the answer must be the same for a taken address (e2e/accounts-mail.spec.ts).
  await expect(page.getByTestId("sign-up-sent")).toContainText("Check your email");

  await signInWithForm(page, { email, password });
  const menu = page.getByRole("banner").getByText("Ana Lima");
  await expect(menu).toBeVisible();

  await menu.click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Ana Lima")).toHaveCount(0);

  await signInWithForm(page, { email: email.toUpperCase(), password });
  await expect(page.getByRole("banner").getByText("Ana Lima")).toBeVisible();
});

test("sign-up errors are shown beside their fields and keep what was typed", async ({ page, seedUser }) => {
  const taken = await seedUser();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(taken.email);
  await page.getByLabel("Display name").fill("Someone <script>alert(1)</script>");
  await page.getByLabel("Handle").fill("Not Valid!");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByLabel("Handle")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#password-error")).toContainText("at least 10 characters");
  await expect(page.locator("#handle-error")).toContainText("lowercase letters");
  await expect(page.getByLabel("Display name")).toHaveValue("Someone <script>alert(1)</script>");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  // The taken email is never reported on screen (e2e/accounts-mail.spec.ts: its owner is mailed).
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
});

test("a wrong password and an unknown email get the same answer", async ({ page, seedUser }) => {
  const user = await seedUser();
  const answer = async (email: string, password: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /./ });
    await expect(alert).toBeVisible();
    return (await alert.innerText()).trim();
  };
  const wrongPassword = await answer(user.email, "not the password");
  const unknownEmail = await answer(`nobody-${unique()}@example.test`, "not the password");
  expect(wrongPassword).toBe("Email or password is incorrect.");
  expect(unknownEmail).toBe(wrongPassword);
});

test("sign-in attempts on one account are rate limited; other accounts are unaffected", async ({
  page,
  seedUser,
}) => {
  const victim = await seedUser();
  const bystander = await seedUser();
  // The e2e server allows 5 failures per account in the window.
  for (let i = 0; i < 5; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(victim.email);
    await page.getByLabel("Password", { exact: true }).fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toBeVisible();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(victim.email);
  await page.getByLabel("Password", { exact: true }).fill(victim.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("Too many sign-in attempts");

  await signInWithForm(page, bystander);
  await expect(page.getByRole("banner").getByText(bystander.displayName)).toBeVisible();
});

test("settings lists sessions; sign out everywhere ends every other browser's session", async ({
  browser,
  seedUser,
}) => {
  const user = await seedUser();
  const laptop = await browser.newContext();
  const phone = await browser.newContext({
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1",
  });
  const a = await laptop.newPage();
  const b = await phone.newPage();
  await signInWithForm(a, user);
  await signIn(b, user); // the second browser's session is only the setting

  await a.goto("/settings");
  await expect(a.getByRole("heading", { name: "Sessions" })).toBeVisible();
  await expect(a.getByText("This browser")).toBeVisible();
  await expect(a.getByText(/iPhone|iOS/)).toBeVisible();

  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await a.waitForURL(/\/sign-in/);

  // The phone's cookie is still in its jar, but the session behind it is gone.
  await b.goto("/settings");
  await b.waitForURL(/\/sign-in/);
  await b.goto("/");
  await expect(b.getByRole("banner").getByText(user.displayName)).toHaveCount(0);

  await laptop.close();
  await phone.close();
});

test("a copied session cookie stops working once that session is revoked from settings", async ({
  browser,
  seedUser,
}) => {
  const user = await seedUser();
  const main = await browser.newContext();
  const other = await browser.newContext();
  const a = await main.newPage();
  const b = await other.newPage();
  await signInWithForm(a, user);
  await signIn(b, user); // the second browser's session is only the setting

  await a.goto("/settings");
  const rows = a.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await rows.and(a.locator('[data-current="false"]')).getByRole("button", { name: "Sign out" }).click();
  await expect(rows).toHaveCount(1);
  await expect(a.getByText("This browser")).toBeVisible();

  await b.goto("/settings");
  await b.waitForURL(/\/sign-in/);
  // The revoking browser is still signed in.
  await a.goto("/settings");
  await expect(a.getByRole("heading", { name: "Sessions" })).toBeVisible();

  await main.close();
  await other.close();
});

test("settings is for signed-in people only", async ({ page }) => {
  await page.goto("/settings");
  await page.waitForURL(/\/sign-in\?callbackUrl=%2Fsettings|\/sign-in\?callbackUrl=\/settings/);
});

test("an unknown page gets the 404 page with status 404", async ({ page }) => {
  const response = await page.goto(`/no-such-page-${unique()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: /home|explore/i }).first()).toBeVisible();
});

test("changing the password signs out other sessions and keeps this one", async ({ browser, seedUser }) => {
  const user = await seedUser();
  const mine = await browser.newContext();
  const stolen = await browser.newContext();
  const a = await mine.newPage();
  const b = await stolen.newPage();
  await signInWithForm(a, user);
  await signIn(b, user); // the second browser's session is only the setting

  await a.goto("/settings");
  await a.getByLabel("Current password").fill("not it at all");
  await a.getByLabel("New password").fill("a brand new passphrase");
  await a.getByRole("button", { name: "Change password" }).click();
  await expect(a.locator("#currentPassword-error")).toContainText("not your current password");

  await a.getByLabel("Current password").fill(user.password);
  await a.getByLabel("New password").fill("a brand new passphrase");
  await a.getByRole("button", { name: "Change password" }).click();
  await expect(a.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

  await b.goto("/settings");
  await b.waitForURL(/\/sign-in/);
  await a.goto("/settings");
  await expect(a.getByRole("heading", { name: "Sessions" })).toBeVisible();

  await signInWithForm(b, { email: user.email, password: "a brand new passphrase" });
  await expect(b.getByRole("banner").getByText(user.displayName)).toBeVisible();
  await mine.close();
  await stolen.close();
});
