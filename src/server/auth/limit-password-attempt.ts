import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { MAX_PASSWORD_BLOCK_S, retryAfterS, type Taken, take } from "@/server/cache/rate-limits";

export type PasswordAttempt<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterS: number };

export interface PasswordAttemptLimits {
  /** Wrong passwords from one address on one account or link, and its key. */
  failures: RateLimiterAbstract;
  failuresKey: string;
  /** Wrong passwords from one address on anything, and its key. */
  address: RateLimiterAbstract;
  addressKey: string;
  /** How many times the pair has been blocked, and its key. */
  strikes: RateLimiterAbstract;
  strikesKey: string;
  /** The first block's length; each further one doubles it. */
  windowS: number;
}

/**
 * Runs `check` (the password hash) only after taking a point from both the (account or link, address)
 * limit and the address's: concurrent guesses cannot all be evaluated. `check` resolving null is a
 * wrong password: the points stay taken, and the guess that used the pair's last point blocks that
 * pair for the window, twice as long after each further round (up to a day), from that address
 * only. The right password gives both points back and clears the pair's record, so the owner
 * signing in from an address that has not failed is never held up by someone else's guesses.
 */
export async function limitPasswordAttempt<T>(
  limits: PasswordAttemptLimits,
  check: () => Promise<T | null>,
): Promise<PasswordAttempt<T>> {
  const taken = await Promise.all([
    take(limits.failures, limits.failuresKey),
    take(limits.address, limits.addressKey),
  ]);
  const refused = taken.filter((t) => !t.ok);
  if (refused.length > 0) {
    // Nothing was checked: what this request took is given back.
    await giveBack(limits, taken);
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterS: Math.max(...refused.map((t) => retryAfterS(t.res))),
    };
  }
  let value: T | null;
  try {
    value = await check();
  } catch (error) {
    // The database failed, not the guess: an outage must not count against the people signing in.
    await giveBack(limits, taken);
    throw error;
  }
  if (value !== null) {
    await Promise.all([
      limits.failures.delete(limits.failuresKey),
      limits.strikes.delete(limits.strikesKey),
      limits.address.reward(limits.addressKey),
    ]);
    return { ok: true, value };
  }
  if (taken[0]!.res.remainingPoints === 0) await blockProgressively(limits);
  return { ok: false, reason: "invalid" };
}

async function giveBack(limits: PasswordAttemptLimits, taken: Taken[]): Promise<void> {
  await Promise.all([
    taken[0]!.ok ? limits.failures.reward(limits.failuresKey) : undefined,
    taken[1]!.ok ? limits.address.reward(limits.addressKey) : undefined,
  ]);
}

// The n-th block of a pair lasts window × 2^(n-1), at most a day; blocks are remembered for a week.
async function blockProgressively(limits: PasswordAttemptLimits): Promise<void> {
  const strikes = (await limits.strikes.penalty(limits.strikesKey)).consumedPoints;
  const seconds = Math.min(limits.windowS * 2 ** Math.min(strikes - 1, 20), MAX_PASSWORD_BLOCK_S);
  await limits.failures.block(limits.failuresKey, seconds);
}
