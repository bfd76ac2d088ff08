// Accounts by email, end to end, with a real SMTP server (smtp-server, in this process) that the app
// sends to through SMTP_URL with credentials: the browser follows the links in the mails it receives.
// And the account attacks of issue 20, tried as an attacker would: the unverified squatter gets
// nothing and cannot be found; tokens and sessions die on a password change, a reset and "sign out
// everywhere"; a cookie replayed after Auth.js's own sign-out has no session; an open notifications
// stream ends with its session; sign-up answers the same for a taken and a free address.
// The app server runs on a database of its own, so the shared e2e server's job worker (which has no
// SMTP_URL) cannot take these mails first.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { type ParsedMail, simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { seedUser, type SeededUser, type SeedUserInput } from "../prisma/seed/users";
import { createDatabaseOn, type ScratchDatabase } from "../test/support/scratch";
import { seedApiToken } from "./support/api";
import { expect, signIn, test } from "./support/fixtures";
import { killHard, startServer, type TestServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const PORT = Number(process.env.E2E_MAIL_PORT ?? 3481);
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3482);
const SMTP_USER = "pinhole";
const SMTP_PASSWORD = randomBytes(8).toString("hex");

const inbox: ParsedMail[] = [];
let smtp: SMTPServer | undefined;
let scratch: ScratchDatabase | undefined;
let server: TestServer | undefined;
let sql: pg.Pool | undefined;

test.beforeAll(async () => {
  smtp = new SMTPServer({
    // Plain SMTP on loopback, but with credentials that must match SMTP_URL's.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: SMTP_USER });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(SMTP_PORT, "127.0.0.1", resolve));
  scratch = await createDatabaseOn(process.env.E2E_DATABASE_URL!);
  sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
  server = await startServer(PORT, {
    DATABASE_URL: scratch.url,
    MIGRATE_ON_START: "true",
    SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${SMTP_PORT}`,
    MAIL_FROM: "Pinhole e2e <pinhole@e2e.test>",
  });
});

test.afterAll(async () => {
  if (server) await killHard(server);
  await sql?.end();
  await scratch?.drop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const unique = () => randomBytes(4).toString("hex");

function db(): pg.Pool {
  if (!sql) throw new Error("no database");
  return sql;
}

function seed(input?: SeedUserInput): Promise<SeededUser> {
  return seedUser(db(), input);
}

async function newContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server!.baseURL });
  return { context, page: await context.newPage() };
}

/** The mail to `to` whose subject contains `subject`, once it has arrived. */
async function receive(to: string, subject: string): Promise<ParsedMail> {
  const find = () =>
    inbox.find((m) => m.subject?.includes(subject) && JSON.stringify(m.to).includes(to.toLowerCase()));
  // Delivered by the job worker, a moment after the request that queued it.
  await expect
    .poll(() => find() !== undefined, { message: `a mail to ${to}: ${subject}`, timeout: 30_000 })
    .toBe(true);
  return find()!;
}

/** The link to `path` in a mail's text, checked against its HTML part. */
function linkIn(mail: ParsedMail, path: string): string {
  const url = new RegExp(`https?://[^\\s]+${path}[^\\s]*`).exec(mail.text ?? "")?.[0];
  if (!url) throw new Error(`no ${path} link in: ${mail.text}`);
  expect(typeof mail.html === "string" && mail.html.includes(url.replace(/&/g, "&#38;"))).toBe(true);
  return url;
}

/** What the server says about this browser's session cookie. */
async function sessionOf(context: BrowserContext): Promise<unknown> {
  return (await context.request.get("/api/auth/session")).json();
}

test("sign-up answers the same for a taken and a free address; the link in the mail verifies it once", async ({
  browser,
}) => {
  const taken = await seed();
  const free = `fresh-${unique()}@example.test`;
  const answer = async (email: string) => {
    const { context, page } = await newContext(browser);
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Display name").fill("Someone");
    await page.getByLabel("Handle").fill(`someone-${unique()}`);
    await page.getByLabel("Password", { exact: true }).fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    const sent = page.getByTestId("sign-up-sent");
    await expect(sent).toBeVisible();
    const text = (await sent.innerText()).replace(email, "<address>");
    await context.close();
    return text;
  };
  const forTaken = await answer(taken.email);
  const forFree = await answer(free);
  expect(forTaken).toBe(forFree);
  expect(forFree).toContain("Check your email");

  // The owner of the taken address is told, and nothing was created for it.
  const tried = await receive(taken.email, "Someone tried to sign up");
  expect(tried.subject).toContain("Pinhole");
  expect(tried.text).toContain("was entered on Pinhole's sign-up page");
  expect(tried.from?.text).toContain("pinhole@e2e.test");
  const count = await db().query("SELECT count(*)::int AS n FROM users WHERE email = $1", [taken.email]);
  expect(count.rows[0].n).toBe(1);

  // The free address gets its link; following it (and pressing the button) verifies it, once.
  const welcome = await receive(free, "Verify your email address");
  expect(welcome.text).toContain(`because an account was created on Pinhole with ${free}`);
  const link = linkIn(welcome, "/verify-email");
  const { context, page } = await newContext(browser);
  await page.goto(link);
  await page.getByRole("button", { name: "Verify my address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your address is verified" })).toBeVisible();
  const row = await db().query("SELECT email_verified FROM users WHERE email = $1", [free]);
  expect(row.rows[0].email_verified).toBeInstanceOf(Date);
  await page.goto(link);
  await page.getByRole("button", { name: "Verify my address" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("expired or was already used");
  await context.close();
});

test("the unverified squatter gets nothing and cannot be found; the invitation goes to whoever verifies the address", async ({
  browser,
}) => {
  const owner = await seed({ displayName: "Olga Owner" });
  const bobEmail = `bob-${unique()}@corp.test`;
  // Someone signs up first with Bob's address and never proves it.
  const squatter = await seed({ email: bobEmail, displayName: "Not Bob", emailVerified: false });

  const ownerSide = await newContext(browser);
  await signIn(ownerSide.page, owner);
  const res = await postUpload(
    ownerSide.page.request,
    server!.baseURL,
    await fixture("cameras", "Canon_40D.jpg"),
    "Canon_40D.jpg",
  );
  expect(res.status(), await res.text()).toBe(201);
  const photoId = (await res.json()).photo.id as string;
  expect((await waitForProcessed(db(), photoId)).status).toBe("READY");
  await db().query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photoId]);

  // Not found by the address in the people search.
  const found = await ownerSide.page.request.get(`/api/people/search?q=${encodeURIComponent(bobEmail)}`);
  expect(await found.json()).toEqual({ people: [] });

  // Shared by the address: an invitation, not a grant to the squatter.
  await ownerSide.page.goto(`/photos/${photoId}`);
  const editor = ownerSide.page.getByTestId("access-editor");
  const combobox = editor.getByRole("combobox", { name: "Add people" });
  await combobox.fill(bobEmail);
  await combobox.press("Enter");
  await expect(editor).toContainText(`Invited ${bobEmail} by email`);
  const squatterSide = await newContext(browser);
  await signIn(squatterSide.page, squatter);
  expect((await squatterSide.page.goto(`/photos/${photoId}`))?.status()).toBe(404);
  await squatterSide.context.close();

  // The real Bob reads his mail: the invitation, then (signing up) "someone tried to sign up", and
  // the reset link in it proves the address is his. The share is his account's from then on.
  const invitation = await receive(bobEmail, "Olga Owner shared a photo with you");
  expect(invitation.text).toContain(`because someone shared photos with ${bobEmail}`);
  const bob = await newContext(browser);
  await bob.page.goto(linkIn(invitation, "/sign-up"));
  await expect(bob.page.getByLabel("Email")).toHaveValue(bobEmail);
  await bob.page.getByLabel("Display name").fill("Bob");
  await bob.page.getByLabel("Handle").fill(`bob-${unique()}`);
  await bob.page.getByLabel("Password", { exact: true }).fill("bob's own password");
  await bob.page.getByRole("button", { name: "Create account" }).click();
  await expect(bob.page.getByTestId("sign-up-sent")).toBeVisible();
  const tried = await receive(bobEmail, "Someone tried to sign up");
  await bob.page.goto(linkIn(tried, "/forgot-password"));
  await bob.page.getByLabel("Email").fill(bobEmail);
  await bob.page.getByRole("button", { name: "Send me a link" }).click();
  const reset = await receive(bobEmail, "Choose a new password");
  await bob.page.goto(linkIn(reset, "/reset-password"));
  await bob.page.getByLabel("New password").fill("bob's own password");
  await bob.page.getByRole("button", { name: "Set new password" }).click();
  await expect(bob.page.getByRole("status").filter({ hasText: "Your password was changed" })).toBeVisible();
  await signIn(bob.page, { email: bobEmail, password: "bob's own password" });
  expect((await bob.page.goto(`/photos/${photoId}`))?.status()).toBe(200);
  await bob.context.close();
  await ownerSide.context.close();
});

test("a password reset by mail works once, ends every session and revokes every API token", async ({
  browser,
}) => {
  const user = await seed();
  const thief = await newContext(browser);
  await signIn(thief.page, user);
  const token = await seedApiToken(db(), user.id, "write");
  const me = () => thief.context.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status()).toBe(200);

  // Unknown and known addresses get the same answer.
  const { context, page } = await newContext(browser);
  const ask = async (email: string) => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    const status = page.getByRole("status").filter({ hasText: "we sent it a link" });
    return (await status.innerText()).replace(email, "<address>");
  };
  expect(await ask(`nobody-${unique()}@example.test`)).toBe(await ask(user.email));

  const mail = await receive(user.email, "Choose a new password");
  expect(mail.text).toContain("works once, for an hour");
  const link = linkIn(mail, "/reset-password");
  await page.goto(link);
  await page.getByLabel("New password").fill("a brand new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every browser was signed out" })).toBeVisible();

  expect(await sessionOf(thief.context)).toBeNull();
  expect((await me()).status()).toBe(401);
  // The link is spent.
  await page.goto(link);
  await page.getByLabel("New password").fill("yet another password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("expired or was already used");
  await context.close();
  await thief.context.close();
});

test("changing the address: the new one confirms by mail before it replaces the old, which is told", async ({
  browser,
}) => {
  const user = await seed();
  const next = `moved-${unique()}@example.test`;
  const { context, page } = await newContext(browser);
  await signIn(page, user);
  await page.goto("/settings");
  const section = page.getByTestId("settings-email");
  await section.getByLabel("New email address").fill(next);
  await section.getByLabel("Your password").fill(user.password);
  await section.getByRole("button", { name: "Change email" }).click();
  await expect(section.getByRole("status").filter({ hasText: `We sent a link to ${next}` })).toBeVisible();

  const warned = await receive(user.email, "A change of your email address was requested");
  expect(warned.text).toContain(next);
  const stillOld = await db().query("SELECT email FROM users WHERE id = $1", [user.id]);
  expect(stillOld.rows[0].email).toBe(user.email);

  const confirm = await receive(next, "Confirm your new email address");
  await page.goto(linkIn(confirm, "/confirm-email"));
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your new address is confirmed" })).toBeVisible();
  const row = await db().query("SELECT email, email_verified FROM users WHERE id = $1", [user.id]);
  expect(row.rows[0]).toMatchObject({ email: next, email_verified: expect.any(Date) });
  await receive(user.email, "Your email address was changed");
  await context.close();
});

test("a password change and 'sign out everywhere' end the other sessions and revoke every token", async ({
  browser,
}) => {
  const user = await seed();
  const owner = await newContext(browser);
  const thief = await newContext(browser);
  await signIn(owner.page, user);
  await signIn(thief.page, user);
  const token = await seedApiToken(db(), user.id, "write");
  const me = () => owner.context.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });

  await owner.page.goto("/settings");
  const password = owner.page.getByTestId("settings-password");
  await password.getByLabel("Current password").fill(user.password);
  await password.getByLabel("New password").fill("a changed password");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
  expect(await sessionOf(thief.context)).toBeNull();
  expect(await sessionOf(owner.context)).not.toBeNull();
  expect((await me()).status()).toBe(401);

  // A token made afterwards dies with "sign out everywhere", and so does every session.
  const second = await seedApiToken(db(), user.id, "read");
  await signIn(thief.page, { email: user.email, password: "a changed password" });
  await owner.page.getByTestId("sign-out-everywhere").click();
  await owner.page.waitForURL(/\/sign-in/);
  expect(await sessionOf(thief.context)).toBeNull();
  expect(await sessionOf(owner.context)).toBeNull();
  const read = await owner.context.request.get("/api/v1/me", {
    headers: { authorization: `Bearer ${second}` },
  });
  expect(read.status()).toBe(401);
  await owner.context.close();
  await thief.context.close();
});

test("a new API token asks for the password once the session is older than 10 minutes", async ({
  browser,
}) => {
  const user = await seed();
  const { context, page } = await newContext(browser);
  await signIn(page, user);
  // The cookie of a session opened long ago (say, stolen from it).
  await db().query("UPDATE sessions SET created_at = now() - interval '11 minutes' WHERE user_id = $1", [
    user.id,
  ]);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "New access token" });
  await form.getByLabel("Token name").fill("stolen cookie's token");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.locator("#tokenPassword-error")).toContainText("Enter your password");
  const none = await db().query("SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1", [user.id]);
  expect(none.rows[0].n).toBe(0);

  await form.getByLabel("Token name").fill("backup script");
  await form.getByLabel("Your password").fill(user.password);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("textbox", { name: "New token" })).toHaveValue(/^ph_[A-Za-z0-9_-]{43}$/);
  await context.close();
});

test("a cookie replayed after Auth.js's own POST /api/auth/signout has no session", async ({ browser }) => {
  const user = await seed();
  const { context, page } = await newContext(browser);
  await signIn(page, user);
  const cookies = await context.cookies();
  expect(await sessionOf(context)).not.toBeNull();

  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const out = await context.request.post("/api/auth/signout", {
    form: { csrfToken },
    headers: { origin: server!.baseURL },
    maxRedirects: 0,
  });
  expect(out.status()).toBe(302);

  const replay = await browser.newContext({ baseURL: server!.baseURL });
  await replay.addCookies(cookies);
  expect(await sessionOf(replay)).toBeNull();
  const settings = await replay.request.get("/settings", { maxRedirects: 0 });
  expect(settings.status()).toBe(307);
  const revoked = await db().query("SELECT revoked_at FROM sessions WHERE user_id = $1", [user.id]);
  expect(revoked.rows.every((r: { revoked_at: Date | null }) => r.revoked_at instanceof Date)).toBe(true);
  await replay.close();
  await context.close();
});

test("an open notifications stream ends when its session is signed out elsewhere", async ({ browser }) => {
  const user = await seed();
  const streamer = await newContext(browser);
  const owner = await newContext(browser);
  await signIn(streamer.page, user);
  await signIn(owner.page, user);
  const cookie = (await streamer.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const res = await fetch(`${server!.baseURL}/api/notifications/stream`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let received = decoder.decode((await reader.read()).value);
  expect(received).toContain("event: unread");

  await owner.page.goto("/settings");
  await owner.page.getByTestId("sign-out-everywhere").click();
  await owner.page.waitForURL(/\/sign-in/);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += decoder.decode(value);
  }
  expect(received).toContain("event: signed-out");
  // Reconnecting with the same cookie is refused.
  const again = await fetch(`${server!.baseURL}/api/notifications/stream`, { headers: { cookie } });
  expect(again.status).toBe(401);
  await streamer.context.close();
  await owner.context.close();
});
