// Test fixtures: each test seeds its own users straight into the database, so tests run in
// parallel and in any order.
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { seedUser, type SeededUser, type SeedUserInput } from "../../prisma/seed/users";

interface Fixtures {
  db: pg.Pool;
  seedUser: (input?: SeedUserInput) => Promise<SeededUser>;
}

export const test = base.extend<Fixtures>({
  // Playwright's fixture callback is named `use` by convention; it is not React's hook.
  db: async ({}, provide) => {
    const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
    await provide(pool);
    await pool.end();
  },
  seedUser: async ({ db }, provide) => {
    await provide((input) => seedUser(db, input));
  },
});

export { expect };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
