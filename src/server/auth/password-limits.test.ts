// Findings 1 and 3 of issue 19, performed: concurrent guesses past the limit, and an attacker's
// guesses locking the owner out. Each runs on both stores: this process's memory, and Redis (REDIS_URL,
// or a redis-server of this suite's own), and once more on a Redis that is down (the insurance limiter).
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { hasRedisServer, startRedis, stopRedis } from "../../../test/support/redis-server";

process.env.DATABASE_URL = testDatabaseUrl();
process.env.AUTH_SECRET ??= "test-secret-for-share-link-unlock-cookies";

const { parseEnv } = await import("@/env");
const { createUser } = await import("@/server/data/create-user");
const { checkCredentials } = await import("./credentials");
const { limitPasswordAttempt } = await import("./limit-password-attempt");
const { rateLimits, rateLimitKeys } = await import("@/server/cache/rate-limits");
const { createShareLink } = await import("@/server/data/share-links/create-share-link");
const { unlockShareLink } = await import("@/server/data/share-links/unlock-share-link");
const {
  addPhotos,
  newUser: seedUser,
  openPool,
  viewerOf,
} = await import("@/server/data/albums/album-fixtures");

// A port of this suite's own when REDIS_URL is not set: the machine's Redis on 6379 is never stopped.
const OWN_REDIS_PORT = 3273;
const LIMIT = 10;
const PER_ADDRESS = 35;
const WINDOW_S = 900;
const config = parseEnv({
  SIGNIN_MAX_ATTEMPTS: String(LIMIT),
  SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: String(PER_ADDRESS),
  SIGNIN_WINDOW_SECONDS: String(WINDOW_S),
});

const tag = () => randomBytes(4).toString("hex");
// Each test its own addresses and key prefix: Redis keeps counts between runs.
const freshIp = () => `10.${[...randomBytes(3)].join(".")}`;
// As `npm start`'s front hands a request to Next: whatever the client claimed, then the socket's peer.
const from = (peer: string, claimed?: string) =>
  new Headers({ "x-forwarded-for": claimed ? `${claimed}, ${peer}` : peer, "user-agent": "vitest" });

async function newAccount() {
  const handle = `u-${tag()}`;
  const email = `${handle}@example.test`;
  const password = "the owner's good password";
  await createUser({ email, handle, displayName: "Owner", password });
  return { email, password };
}

const pool = openPool(testDatabaseUrl());
let ownRedis: ChildProcess | undefined;
let redisDir: string | undefined;
let client: Redis | null = null;
let noRedis = "";
beforeAll(async () => {
  if (!process.env.REDIS_URL && !hasRedisServer) {
    noRedis = "no REDIS_URL and no redis-server to start";
    return;
  }
  if (!process.env.REDIS_URL) {
    redisDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-rl-"));
    ownRedis = await startRedis(OWN_REDIS_PORT, redisDir);
  }
  client = new Redis(process.env.REDIS_URL ?? `redis://127.0.0.1:${OWN_REDIS_PORT}`);
});
afterAll(async () => {
  client?.disconnect();
  await stopRedis(ownRedis);
  if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  await pool.end();
});

describe.each(["memory", "redis"] as const)("password limits on %s", (store) => {
  const limitsFor = () => {
    if (store === "redis" && !client) return null;
    return rateLimits({ store: store === "redis" ? client : null, config, prefix: `test:${tag()}:` });
  };

  it(`50 concurrent sign-ins, 49 wrong then the right one, against ${LIMIT}: ${LIMIT} checked, the right one refused`, async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const owner = await newAccount();
    const ip = freshIp();
    const attempts = [
      ...Array.from({ length: 49 }, (_, i) => ({ email: owner.email, password: `wrong guess ${i}` })),
      owner,
    ];
    const results = await Promise.all(attempts.map((a) => checkCredentials(a, from(ip), limits, config)));
    const checked = results.filter((r) => r.ok || r.reason === "invalid");
    expect(checked).toHaveLength(LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(50 - LIMIT);
    expect(results[49]).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await checkCredentials(owner, from(ip), limits, config)).ok).toBe(false);
  });

  it("a fresh X-Forwarded-For per request stays in the bucket of the address that connected", async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const owner = await newAccount();
    const ip = freshIp();
    const reasons = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const result = await checkCredentials(
        { email: owner.email, password: `guess ${i}` },
        from(ip, freshIp()),
        limits,
        config,
      );
      reasons.push(result.ok ? "ok" : result.reason);
    }
    expect(reasons).toEqual([
      ...Array(LIMIT).fill("invalid"),
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ]);
  });

  it("wrong passwords from address A never stop the owner signing in from address B", async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const owner = await newAccount();
    const [a, b] = [freshIp(), freshIp()];
    for (let i = 0; i < LIMIT + 5; i++) {
      await checkCredentials({ email: owner.email, password: `guess ${i}` }, from(a), limits, config);
    }
    expect(await checkCredentials(owner, from(a), limits, config)).toMatchObject({ reason: "rate_limited" });
    const fromB = await checkCredentials(owner, from(b), limits, config);
    expect(fromB.ok).toBe(true);
    // B's own typo after that is one failure of B's, not a lock-out.
    const typo = await checkCredentials({ email: owner.email, password: "typo" }, from(b), limits, config);
    expect(typo).toMatchObject({ reason: "invalid" });
    expect((await checkCredentials(owner, from(b), limits, config)).ok).toBe(true);
  });

  it("each further round of wrong passwords from one address waits twice as long", async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const owner = await newAccount();
    const ip = freshIp();
    const round = async () => {
      for (let i = 0; i < LIMIT; i++) {
        const r = await checkCredentials({ email: owner.email, password: `g${i}` }, from(ip), limits, config);
        expect(r).toMatchObject({ reason: "invalid" });
      }
      const refused = await checkCredentials(owner, from(ip), limits, config);
      if (refused.ok || refused.reason !== "rate_limited") throw new Error("expected a refusal");
      return refused.retryAfterS!;
    };
    // The block's end, without waiting for it: its counter is dropped as the store would drop it.
    const blockEnds = () => limits.signInFailures.delete(rateLimitKeys.signInFailures(owner.email, ip));
    const first = await round();
    expect(first).toBeGreaterThan(WINDOW_S - 5);
    expect(first).toBeLessThanOrEqual(WINDOW_S);
    await blockEnds();
    const second = await round();
    expect(second).toBeGreaterThan(2 * WINDOW_S - 5);
    expect(second).toBeLessThanOrEqual(2 * WINDOW_S);
    // The right password once it may try again starts the pair's record over.
    await blockEnds();
    expect((await checkCredentials(owner, from(ip), limits, config)).ok).toBe(true);
    expect(await round()).toBeLessThanOrEqual(WINDOW_S);
  });

  it("one address guessing across many accounts is stopped at the per-address limit", async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const ip = freshIp();
    const accounts = await Promise.all(Array.from({ length: 6 }, () => newAccount()));
    // One failure short of the address's limit, spread so that no account reaches its own.
    for (let i = 0; i < PER_ADDRESS - 1; i++) {
      const account = accounts[i % 5]!;
      await checkCredentials({ email: account.email, password: `g${i}` }, from(ip), limits, config);
    }
    // One more is checked, then the address waits, on any account.
    const last = accounts[5]!;
    expect(
      await checkCredentials({ email: last.email, password: "g" }, from(ip), limits, config),
    ).toMatchObject({ reason: "invalid" });
    expect(await checkCredentials(last, from(ip), limits, config)).toMatchObject({ reason: "rate_limited" });
    expect((await checkCredentials(last, from(freshIp()), limits, config)).ok).toBe(true);
  });

  it(`50 concurrent share-link unlocks: at most ${LIMIT} passwords checked; another address still unlocks`, async (ctx) => {
    const limits = limitsFor();
    if (!limits) return ctx.skip(noRedis);
    const owner = await seedUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const link = await createShareLink(viewerOf(owner), {
      target: { photoId: photo! },
      expiresInDays: null,
      password: "the real one",
    });
    const ip = freshIp();
    const guesses = [...Array.from({ length: 49 }, (_, i) => `guess ${i}`), "the real one"];
    const results = await Promise.all(
      guesses.map((g) => unlockShareLink(link.token, g, from(ip, freshIp()), limits, config)),
    );
    const checked = results.filter((r) => r.ok || r.reason === "invalid");
    expect(checked.length).toBeLessThanOrEqual(LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(50 - checked.length);
    // From A, even the right password waits now; from B, it opens the link.
    if (!results[49]!.ok) {
      expect(await unlockShareLink(link.token, "the real one", from(ip), limits, config)).toMatchObject({
        reason: "rate_limited",
      });
    }
    expect((await unlockShareLink(link.token, "the real one", from(freshIp()), limits, config)).ok).toBe(
      true,
    );
  });
});

describe("password limits while the database is down", () => {
  it("give the point back: an outage is not a wrong password", async () => {
    const limits = rateLimits({ store: null, config, prefix: `test:${tag()}:` });
    const guard = {
      failures: limits.signInFailures,
      failuresKey: "someone@example.test|192.0.2.1",
      address: limits.signInAddress,
      addressKey: "192.0.2.1",
      strikes: limits.passwordStrikes,
      strikesKey: "sign-in|someone@example.test|192.0.2.1",
      windowS: WINDOW_S,
    };
    const outage = new Error("connection refused");
    for (let i = 0; i < LIMIT + 2; i++) {
      await expect(limitPasswordAttempt(guard, () => Promise.reject(outage))).rejects.toBe(outage);
    }
    expect(await limitPasswordAttempt(guard, async () => "signed in")).toEqual({
      ok: true,
      value: "signed in",
    });
  });
});

describe("password limits while Redis is down", () => {
  it("fall back to this process's memory: the limit still holds", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on("error", () => undefined);
    const limits = rateLimits({ store: dead, config, prefix: `test:${tag()}:` });
    const owner = await newAccount();
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: LIMIT + 5 }, (_, i) =>
        checkCredentials({ email: owner.email, password: `g${i}` }, from(ip), limits, config),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(5);
    dead.disconnect();
  });
});
