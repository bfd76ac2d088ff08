// Accounts by email against a real PostgreSQL: links are single use, expire, and are kept only as
// hashes; sign-up answers the same for a taken address; a reset or password change leaves no other
// session or token alive; a share to an address reaches whoever proves it, never a squatter.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { seedUser } from "../../../../prisma/seed/users";
import { addPhotos, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
delete process.env.SMTP_URL;
const { registerAccount } = await import("./register-account");
const { verifyEmail } = await import("./verify-email");
const { requestPasswordReset } = await import("./request-password-reset");
const { resetPassword } = await import("./reset-password");
const { requestEmailChange } = await import("./request-email-change");
const { confirmEmailChange } = await import("./confirm-email-change");
const { addViewers } = await import("../access/add-viewers");
const { createSession, loadSessionUser } = await import("@/server/auth/sessions");
const { checkPhotoAccess } = await import("@/server/policy/photos");
const { sendMail } = await import("@/server/jobs/handlers/send-mail");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const ORIGIN = "http://pinhole.test";
const tag = () => randomBytes(4).toString("hex");
const info = { ip: "127.0.0.1", userAgent: "test" };

interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The mails queued for `to` (send-mail jobs), oldest first. */
async function mailsTo(to: string): Promise<QueuedMail[]> {
  const { rows } = await pool.query<{ payload: { mail: QueuedMail } }>(
    `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = 'send-mail' AND j.payload->'mail'->>'to' = $1 ORDER BY j.id`,
    [to],
  );
  return rows.map((r) => r.payload.mail);
}

/** The token in the newest mail to `to` that links to `path`. */
async function linkToken(to: string, path: string): Promise<string> {
  const texts = (await mailsTo(to)).map((m) => m.text).reverse();
  for (const text of texts) {
    const match = new RegExp(`${ORIGIN}${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no ${path} link in the mails to ${to}: ${texts.join("\n---\n")}`);
}

function newSignUp() {
  const id = tag();
  return {
    email: `new-${id}@example.test`,
    handle: `new-${id}`,
    displayName: `New ${id}`,
    password: "a long password",
  };
}

describe("sign-up and verification", () => {
  it("mails a verification link that works once, kept only as a hash", async () => {
    const input = newSignUp();
    await registerAccount(input, ORIGIN);
    const { rows } = await pool.query("SELECT id, email_verified FROM users WHERE email = $1", [input.email]);
    expect(rows[0]).toMatchObject({ email_verified: null });
    const mail = (await mailsTo(input.email))[0]!;
    expect(mail.subject).toContain("Pinhole");
    expect(mail.text).toContain("because an account was created");
    expect(mail.html).toContain("<a href=");
    const token = await linkToken(input.email, "/verify-email");
    const stored = await pool.query("SELECT token_hash FROM email_tokens WHERE user_id = $1", [rows[0].id]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    await verifyEmail(token);
    const after = await pool.query("SELECT email_verified FROM users WHERE email = $1", [input.email]);
    expect(after.rows[0].email_verified).toBeInstanceOf(Date);
    await expect(verifyEmail(token)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an expired link", async () => {
    const input = newSignUp();
    await registerAccount(input, ORIGIN);
    const token = await linkToken(input.email, "/verify-email");
    await pool.query(
      "UPDATE email_tokens SET expires_at = now() - interval '1 second' FROM users u WHERE u.id = user_id AND u.email = $1",
      [input.email],
    );
    await expect(verifyEmail(token)).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers a taken address like a free one, mailing its owner instead of creating anything", async () => {
    const owner = await seedUser(pool);
    const before = await pool.query("SELECT count(*)::int AS n FROM users");
    await expect(registerAccount({ ...newSignUp(), email: owner.email }, ORIGIN)).resolves.toBeUndefined();
    const after = await pool.query("SELECT count(*)::int AS n FROM users WHERE email = $1", [owner.email]);
    expect(after.rows[0].n).toBe(1);
    expect(before.rows[0].n).toBeGreaterThan(0);
    const [mail] = await mailsTo(owner.email);
    expect(mail?.subject).toContain("Someone tried to sign up");
    expect(mail?.text).toContain(`${ORIGIN}/forgot-password`);
  });
});

describe("sharing by email", () => {
  it("attaches an invitation to whoever verifies the address, not to the squatter who claimed it", async () => {
    const owner = await seedUser(pool);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    // A squatter signs up first with Bob's address and never proves it.
    const bob = { ...newSignUp(), email: `bob-${tag()}@corp.test` };
    await registerAccount(bob, ORIGIN);
    const squatter = (await pool.query("SELECT id FROM users WHERE email = $1", [bob.email])).rows[0];
    const added = await addViewers(viewerOf(owner), { kind: "photo", id: id! }, [bob.email], ORIGIN);
    expect(added.invited).toEqual([bob.email]);
    expect(await checkPhotoAccess({ id: squatter.id, role: "USER" }, [id!])).toEqual(new Set());
    const invitation = (await mailsTo(bob.email)).at(-1)!;
    expect(invitation.subject).toContain("shared a photo with you");
    expect(invitation.text).toContain(`${ORIGIN}/sign-up?email=`);

    // Whoever reads Bob's mail follows the verification link: the share is that account's now.
    await verifyEmail(await linkToken(bob.email, "/verify-email"));
    expect(await checkPhotoAccess({ id: squatter.id, role: "USER" }, [id!])).toEqual(new Set([id]));
    const left = await pool.query("SELECT count(*)::int AS n FROM invitations WHERE email = $1", [bob.email]);
    expect(left.rows[0].n).toBe(0);
  });
});

describe("password reset", () => {
  it("says nothing about unknown addresses and mails known ones a one-hour link", async () => {
    const unknown = `nobody-${tag()}@example.test`;
    await requestPasswordReset(unknown, ORIGIN);
    expect(await mailsTo(unknown)).toEqual([]);
    const user = await seedUser(pool);
    await requestPasswordReset(user.email, ORIGIN);
    await linkToken(user.email, "/reset-password");
    const { rows } = await pool.query(
      "SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM email_tokens WHERE user_id = $1 AND purpose = 'RESET'",
      [user.id],
    );
    // expires_at is set by the app, created_at by the database a moment later.
    expect(rows[0].ttl).toBeGreaterThan(3590);
    expect(rows[0].ttl).toBeLessThanOrEqual(3600);
  });

  it("sets the password once, ends every session and revokes every API token", async () => {
    const user = await seedUser(pool);
    const session = await createSession(user.id, info);
    await pool.query(
      "INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, 'script', $2, 'ph_xxx')",
      [user.id, `hash-${tag()}`],
    );
    await requestPasswordReset(user.email, ORIGIN);
    const token = await linkToken(user.email, "/reset-password");
    await resetPassword(token, "a brand new password");
    expect(await loadSessionUser(session)).toBeNull();
    const tokens = await pool.query("SELECT revoked_at FROM api_tokens WHERE user_id = $1", [user.id]);
    expect(tokens.rows.every((r) => r.revoked_at instanceof Date)).toBe(true);
    await expect(resetPassword(token, "another new password")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("changing the address", () => {
  it("verifies the new address before it replaces the old, and tells the old one", async () => {
    const user = await seedUser(pool);
    const session = await createSession(user.id, info);
    const next = `moved-${tag()}@example.test`;
    const viewer = {
      ...viewerOf(user),
      email: user.email,
      handle: user.handle,
      displayName: user.displayName,
      sessionId: session,
    };
    await requestEmailChange(viewer, next, ORIGIN);
    expect((await mailsTo(user.email)).at(-1)?.subject).toContain(
      "change of your email address was requested",
    );
    expect((await pool.query("SELECT email FROM users WHERE id = $1", [user.id])).rows[0].email).toBe(
      user.email,
    );

    await confirmEmailChange(await linkToken(next, "/confirm-email"));
    const row = (await pool.query("SELECT email, email_verified FROM users WHERE id = $1", [user.id]))
      .rows[0];
    expect(row.email).toBe(next);
    expect(row.email_verified).toBeInstanceOf(Date);
    expect((await mailsTo(user.email)).at(-1)?.subject).toContain("Your email address was changed");
  });
});

describe("the local outbox", () => {
  it("keeps a mail in the outbox when no SMTP_URL is set", async () => {
    const to = `outbox-${tag()}@example.test`;
    await sendMail({ mail: { to, subject: "Hello — Pinhole", text: "text", html: "<p>html</p>" } });
    const { rows } = await pool.query("SELECT subject, text, html FROM mail_outbox WHERE recipient = $1", [
      to,
    ]);
    expect(rows).toEqual([{ subject: "Hello — Pinhole", text: "text", html: "<p>html</p>" }]);
  });
});
