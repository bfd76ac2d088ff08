import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { take } from "./rate-limits";

/** A limiter whose consume rejects with `reason`, as one built by another copy of the library does. */
function rejecting(reason: unknown): RateLimiterAbstract {
  const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
  limiter.consume = () => Promise.reject(reason);
  return limiter;
}

describe("take", () => {
  it("reads a refusal from any copy of the library (Next's bundles each load their own)", async () => {
    // What a RateLimiterRes from another bundle's rate-limiter-flexible is to this one: a plain object.
    const foreign = { msBeforeNext: 30_000, remainingPoints: 0, consumedPoints: 2, isFirstInDuration: false };
    const taken = await take(rejecting(foreign), "k");
    expect(taken).toEqual({ ok: false, res: foreign });
  });

  it("throws a store failure instead of reading it as a refusal", async () => {
    const failure = new Error("Redis is down and there is no insurance");
    await expect(take(rejecting(failure), "k")).rejects.toBe(failure);
  });

  it("takes points until the limit, then refuses", async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 60 });
    expect((await take(limiter, "k")).ok).toBe(true);
    expect((await take(limiter, "k")).ok).toBe(true);
    const refused = await take(limiter, "k");
    expect(refused.ok).toBe(false);
    expect(refused.res.msBeforeNext).toBeGreaterThan(0);
  });
});
