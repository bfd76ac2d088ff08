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

type Credentials = { email: string; password: string };

/**
 * Signs `page`'s browser in through next-auth's credentials endpoint: the same credentials check and
 * session as the form, without rendering the sign-in page and the page it lands on (two page loads
 * per sign-in was the suite's largest single cost). `page` stays where it was; the session cookie is
 * in its context. The form is e2e/auth.spec.ts's subject: it signs in with signInWithForm.
 */
export async function signIn(page: Page, user: Credentials) {
  const request = page.context().request;
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken },
    // No keep-alive socket left in the context's pool: the test's next page.request may come just as
    // the server closes an idle one (5 s), and a request sent on a closing socket fails ECONNRESET.
    headers: { origin: new URL(csrf.url()).origin, connection: "close" },
    maxRedirects: 0,
  });
  const cookies = await page.context().cookies(csrf.url());
  if (res.status() !== 302 || !cookies.some((c) => c.name.includes("session-token"))) {
    throw new Error(`sign-in as ${user.email} failed: ${res.status()} ${res.headers().location}`);
  }
}

/** Signs in the way a person does: the sign-in page's form, then wherever it lands. */
export async function signInWithForm(page: Page, user: Credentials) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
