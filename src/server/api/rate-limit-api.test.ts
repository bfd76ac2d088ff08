import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { rateLimits } from "@/server/cache/rate-limits";
import type { ApiCaller } from "./authenticate-api-request";
import { chargeOriginalsQuota, checkOriginalsQuota, limitApiRequest } from "./rate-limit-api";

const config = parseEnv({
  API_RATE_LIMIT_PER_TOKEN: "3",
  API_RATE_LIMIT_PER_ADDRESS: "2",
  API_ORIGINALS_BYTES_PER_DAY: "1000",
});
const anonymous = (address: string): ApiCaller => ({ kind: "anonymous", viewer: null, address });
const tokenCaller = (tokenId: string, userId: string, address = "10.0.0.1"): ApiCaller => ({
  kind: "token",
  viewer: { id: userId, role: "USER" },
  user: {
    id: userId,
    handle: "h",
    displayName: "H",
    email: "h@example.test",
    bio: "",
    createdAt: new Date(),
  },
  token: { id: tokenId, name: "t", scopes: ["read"] },
  address,
});

describe("API rate limits", () => {
  it("counts per token and per address, with IETF RateLimit headers and Retry-After on 429", async () => {
    const limits = rateLimits({ store: null, config });
    const first = await limitApiRequest(tokenCaller("tok-a", "u1"), limits, config);
    expect(first.headers["RateLimit-Policy"]).toBe('"token";q=3;w=60');
    expect(first.headers.RateLimit).toMatch(/^"token";r=2;t=(59|60)$/);
    await limitApiRequest(tokenCaller("tok-a", "u1"), limits, config);
    await limitApiRequest(tokenCaller("tok-a", "u1"), limits, config);
    const refused = await limitApiRequest(tokenCaller("tok-a", "u1"), limits, config).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    const headers = (refused as { headers: Record<string, string> }).headers;
    expect(Number(headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(headers.RateLimit).toMatch(/^"token";r=0;t=\d+$/);
    // Another token from the same address has its own budget.
    await expect(limitApiRequest(tokenCaller("tok-b", "u1"), limits, config)).resolves.toBeDefined();

    // Without a token: the address's (smaller) budget.
    await limitApiRequest(anonymous("192.0.2.1"), limits, config);
    const second = await limitApiRequest(anonymous("192.0.2.1"), limits, config);
    expect(second.headers.RateLimit).toMatch(/^"address";r=0;/);
    await expect(limitApiRequest(anonymous("192.0.2.1"), limits, config)).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(limitApiRequest(anonymous("192.0.2.2"), limits, config)).resolves.toBeDefined();
  });

  it("the originals quota counts bytes per person (all their tokens) and refuses once used up", async () => {
    const limits = rateLimits({ store: null, config });
    const alice = tokenCaller("tok-1", "alice");
    await checkOriginalsQuota(alice, limits, config);
    const headers = await chargeOriginalsQuota(alice, 600, limits, config);
    expect(headers["RateLimit-Policy"]).toBe('"originals";q=1000;w=86400;qu="content-bytes"');
    expect(headers.RateLimit).toMatch(/^"originals";r=400;t=\d+$/);
    // Under the quota when it starts: this one completes, and the next is refused.
    await checkOriginalsQuota(tokenCaller("tok-2", "alice"), limits, config);
    await chargeOriginalsQuota(tokenCaller("tok-2", "alice"), 600, limits, config);
    const refused = await checkOriginalsQuota(alice, limits, config).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "quota_exceeded", status: 429 });
    expect((refused as Error).message).toMatch(/quota/i);
    expect((refused as { headers: Record<string, string> }).headers["Retry-After"]).toMatch(/^\d+$/);
    // Someone else is unaffected.
    await expect(checkOriginalsQuota(tokenCaller("tok-3", "bob"), limits, config)).resolves.toBeUndefined();
  });

  it.skipIf(!process.env.REDIS_URL)(
    "counts bytes in Redis across instances (skipped without REDIS_URL)",
    async () => {
      const { Redis } = await import("ioredis");
      const client = new Redis(process.env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
      const prefix = `pinhole:test:${Math.random().toString(36).slice(2)}:`;
      // Two sets of limiters on one Redis, as two app servers have.
      const one = rateLimits({ store: client, config, prefix });
      const two = rateLimits({ store: client, config, prefix });
      const caller = tokenCaller("tok-r", "carol");
      await chargeOriginalsQuota(caller, 700, one, config);
      await chargeOriginalsQuota(caller, 400, two, config);
      await expect(checkOriginalsQuota(caller, one, config)).rejects.toMatchObject({
        code: "quota_exceeded",
      });
      const state = await two.originalsBytes.get("user:carol");
      expect(state?.consumedPoints).toBe(1100);
      expect(state?.msBeforeNext).toBeGreaterThan(86_000_000);
      client.disconnect();
    },
  );
});
