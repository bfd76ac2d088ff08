import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";

// Point the app's modules at the run's test database before anything reads the environment.
process.env.DATABASE_URL = testDatabaseUrl();
process.env.SIGNIN_MAX_ATTEMPTS = "3";
process.env.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS = "5";
// With REDIS_URL set (CI's production-path pass) the rate limits run on Redis, shared state and all.

const { createUser } = await import("@/server/data/create-user");
const { checkCredentials } = await import("./credentials");
const { loadSessionUser, revokeAllSessions, revokeSession, createSession } = await import("./sessions");
const { resolveOAuthIdentity } = await import("./oauth-link");
const { requestInfo } = await import("./request-info");
const { verifyPassword, hashPassword } = await import("./password");
const { AppError } = await import("@/server/errors/app-error");
const { db } = await import("@/server/db/client");

const tag = () => randomBytes(4).toString("hex");
const headersFrom = (ip: string, ua = "vitest") => new Headers({ "x-forwarded-for": ip, "user-agent": ua });
// Random addresses: Redis keeps counts between runs, so a reused address could start out limited.
const freshIp = () => `10.${[...randomBytes(3)].join(".")}`;

async function newUser(password = "a good long password") {
  const handle = `u-${tag()}`;
  const email = `${handle}@example.test`;
  const { id } = await createUser({ email, handle, displayName: "Test User", password });
  return { id, email, handle, password };
}

describe("createUser", () => {
  it("creates the user with exactly one default album", async () => {
    const user = await newUser();
    const albums = await db().album.findMany({ where: { ownerId: user.id } });
    expect(albums).toHaveLength(1);
    expect(albums[0]?.isDefault).toBe(true);
    // The password hash never leaves the database unless asked for by name.
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("reports a taken email or handle on the right field", async () => {
    const user = await newUser();
    const email = await createUser({
      email: user.email,
      handle: `x-${tag()}`,
      displayName: "X",
      password: "a good long password",
    }).catch((e: unknown) => e);
    expect(email).toBeInstanceOf(AppError);
    expect((email as InstanceType<typeof AppError>).field).toBe("email");
    const handle = await createUser({
      email: `${tag()}@example.test`,
      handle: user.handle,
      displayName: "X",
      password: "a good long password",
    }).catch((e: unknown) => e);
    expect((handle as InstanceType<typeof AppError>).field).toBe("handle");
  });
});

describe("checkCredentials", () => {
  it("signs in with the right password, any letter case of the email, and records the session", async () => {
    const user = await newUser();
    const result = await checkCredentials(
      { email: user.email.toUpperCase(), password: user.password },
      headersFrom(freshIp(), "Firefox"),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await db().session.findUniqueOrThrow({ where: { id: result.user.sessionId } });
    expect(session.userId).toBe(user.id);
    expect(session.userAgent).toBe("Firefox");
  });

  it("gives one answer for a wrong password and an unknown email", async () => {
    const user = await newUser();
    const wrong = await checkCredentials(
      { email: user.email, password: "nope nope nope" },
      headersFrom(freshIp()),
    );
    const unknown = await checkCredentials(
      { email: `nobody-${tag()}@example.test`, password: "nope nope nope" },
      headersFrom(freshIp()),
    );
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("blocks guesses on an account from the address that made them, never the owner elsewhere", async () => {
    const victim = await newUser();
    const bystander = await newUser();
    const attacker = freshIp();
    for (let i = 0; i < 3; i++) {
      expect(
        await checkCredentials({ email: victim.email, password: `guess ${i}` }, headersFrom(attacker)),
      ).toMatchObject({ reason: "invalid" });
    }
    // From the guessing address even the right password waits; from any other it goes through.
    const blocked = await checkCredentials(
      { email: victim.email, password: victim.password },
      headersFrom(attacker),
    );
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    const owner = await checkCredentials(
      { email: victim.email, password: victim.password },
      headersFrom(freshIp()),
    );
    expect(owner.ok).toBe(true);
    const other = await checkCredentials(
      { email: bystander.email, password: bystander.password },
      headersFrom(attacker),
    );
    expect(other.ok).toBe(true);
  });

  it("blocks an address that guesses across many accounts", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      await checkCredentials(
        { email: `spray-${tag()}@example.test`, password: "guess guess" },
        headersFrom(ip),
      );
    }
    const user = await newUser();
    expect(
      await checkCredentials({ email: user.email, password: user.password }, headersFrom(ip)),
    ).toMatchObject({ reason: "rate_limited" });
    expect(
      (await checkCredentials({ email: user.email, password: user.password }, headersFrom(freshIp()))).ok,
    ).toBe(true);
  });

  it("rejects malformed input without throwing", async () => {
    for (const input of [
      null,
      {},
      { email: 42, password: [] },
      { email: "a".repeat(10_000), password: "x" },
    ]) {
      expect((await checkCredentials(input, headersFrom(freshIp()))).ok).toBe(false);
    }
  });
});

describe("sessions", () => {
  it("a revoked session no longer resolves to its user; others survive until signed out everywhere", async () => {
    const user = await newUser();
    const info = { ip: "127.0.0.1", userAgent: "test" };
    const [a, b, c] = await Promise.all([
      createSession(user.id, info),
      createSession(user.id, info),
      createSession(user.id, info),
    ]);
    expect((await loadSessionUser(a))?.id).toBe(user.id);

    expect(await revokeSession(user.id, a)).toBe(true);
    expect(await loadSessionUser(a)).toBeNull();
    expect((await loadSessionUser(b))?.id).toBe(user.id);

    expect(await revokeAllSessions(user.id)).toBe(2);
    expect(await loadSessionUser(b)).toBeNull();
    expect(await loadSessionUser(c)).toBeNull();
  });

  it("one user cannot revoke another user's session", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const sid = await createSession(owner.id, { ip: "", userAgent: "" });
    expect(await revokeSession(intruder.id, sid)).toBe(false);
    expect((await loadSessionUser(sid))?.id).toBe(owner.id);
  });

  it("an expired or made-up session id resolves to nobody", async () => {
    const user = await newUser();
    const sid = await createSession(user.id, { ip: "", userAgent: "" });
    await db().session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSessionUser(sid)).toBeNull();
    expect(await loadSessionUser("not-a-uuid")).toBeNull();
    expect(await loadSessionUser(crypto.randomUUID())).toBeNull();
  });
});

describe("OAuth identities", () => {
  const identity = (over: Partial<Parameters<typeof resolveOAuthIdentity>[0]> = {}) => ({
    provider: "github",
    providerAccountId: tag(),
    email: `${tag()}@example.test`,
    emailVerified: true,
    name: "Octo Cat",
    login: "octocat",
    ...over,
  });

  it("creates an account for a new identity and signs the same identity in again", async () => {
    const id = identity();
    const first = await resolveOAuthIdentity(id);
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await resolveOAuthIdentity(id);
    expect(again).toMatchObject({ ok: true, created: false });
    if (first.ok && again.ok) expect(again.userId).toBe(first.userId);
  });

  it("never links a provider to an existing account by email, verified or not", async () => {
    const user = await newUser();
    for (const emailVerified of [false, true]) {
      const result = await resolveOAuthIdentity(identity({ email: user.email.toUpperCase(), emailVerified }));
      expect(result).toEqual({ ok: false, error: "OAuthAccountNotLinked" });
    }
    expect(await db().account.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses an identity without an email", async () => {
    expect(await resolveOAuthIdentity(identity({ email: null }))).toEqual({
      ok: false,
      error: "OAuthNoEmail",
    });
  });
});

describe("request info", () => {
  it("takes the address that connected (the last hop), not what the client claimed", () => {
    expect(requestInfo(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).ip).toBe("203.0.113.9");
    expect(requestInfo(new Headers({ "x-real-ip": "6.6.6.6" })).ip).toBe("");
    expect(requestInfo(new Headers()).ip).toBe("");
  });
});

describe("passwords", () => {
  it("verifies argon2id hashes and treats a missing or corrupt hash as a failure", async () => {
    const stored = await hashPassword("a good long password");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(stored, "a good long password")).toBe(true);
    expect(await verifyPassword(stored, "another password")).toBe(false);
    expect(await verifyPassword(null, "a good long password")).toBe(false);
    expect(await verifyPassword("not a hash", "a good long password")).toBe(false);
  });
});
