import "server-only";
import type { Redis } from "ioredis";
import ipaddr from "ipaddr.js";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterRes,
} from "rate-limiter-flexible";
import { type Env, env } from "@/env";
import { redis } from "./redis";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Comments one person may post a minute. */
export const COMMENTS_PER_MINUTE = 10;
/** Reports one person may file an hour. */
export const REPORTS_PER_HOUR = 20;
/** Exact-email look-ups (which say whether an address has an account) one person may make. */
export const EMAIL_LOOKUPS_PER_WINDOW = 40;

interface Policy {
  /** Points in one window (requests, wrong passwords, bytes). */
  points: number;
  /** The window, in seconds, from the first point taken. */
  duration: number;
  /** Once over, refused for this long (seconds) instead of until the window ends. */
  blockDuration?: number;
}

// Every rate limit Pinhole keeps: its key and its numbers, in one table. Counted in Redis when
// REDIS_URL is set (shared by every instance) with this process's memory as the insurance while Redis
// is unreachable (limits then apply per instance), in memory otherwise. Redis keys are
// `pinhole:rl:<name>:<key>`; an address is its addressBucket (an IPv6 client holds a whole /64).
//
//   name             key                           points (per window)              window
//   signInFailures   email|address                 SIGNIN_MAX_ATTEMPTS              SIGNIN_WINDOW_SECONDS (1)
//   signInAddress    address                       SIGNIN_MAX_ATTEMPTS_PER_ADDRESS  SIGNIN_WINDOW_SECONDS (2)
//   unlockFailures   link id|address               SIGNIN_MAX_ATTEMPTS              SIGNIN_WINDOW_SECONDS (1)
//   unlockAddress    address                       SIGNIN_MAX_ATTEMPTS_PER_ADDRESS  SIGNIN_WINDOW_SECONDS (2)
//   passwordStrikes  sign-in|… or unlock|… (1)     blocks so far                    7 days
//   apiToken         token id                      API_RATE_LIMIT_PER_TOKEN         1 min
//   apiAddress       address                       API_RATE_LIMIT_PER_ADDRESS       1 min
//   originalsBytes   user:id or addr:address       API_ORIGINALS_BYTES_PER_DAY      1 day
//   comments         user id                       COMMENTS_PER_MINUTE              1 min
//   reports          user id                       REPORTS_PER_HOUR                 1 h
//   emailLookups     user id                       EMAIL_LOOKUPS_PER_WINDOW         15 min
//
// (1) Password limits take their point before the password is checked, so concurrent guesses cannot
//     all be evaluated (src/server/auth/limit-password-attempt.ts); the pair's last wrong guess
//     blocks that pair for the window, doubling with each block passwordStrikes remembers.
// (2) Blocked for a window once over.
function policies(config: Env) {
  const failures = { points: config.SIGNIN_MAX_ATTEMPTS, duration: config.SIGNIN_WINDOW_SECONDS };
  const perAddress = {
    points: config.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS,
    duration: config.SIGNIN_WINDOW_SECONDS,
    blockDuration: config.SIGNIN_WINDOW_SECONDS,
  };
  return {
    signInFailures: failures,
    signInAddress: perAddress,
    unlockFailures: failures,
    unlockAddress: perAddress,
    passwordStrikes: { points: Number.MAX_SAFE_INTEGER, duration: 7 * DAY },
    apiToken: { points: config.API_RATE_LIMIT_PER_TOKEN, duration: MINUTE },
    apiAddress: { points: config.API_RATE_LIMIT_PER_ADDRESS, duration: MINUTE },
    originalsBytes: { points: config.API_ORIGINALS_BYTES_PER_DAY, duration: DAY },
    comments: { points: COMMENTS_PER_MINUTE, duration: MINUTE },
    reports: { points: REPORTS_PER_HOUR, duration: HOUR },
    emailLookups: { points: EMAIL_LOOKUPS_PER_WINDOW, duration: 15 * MINUTE },
  } satisfies Record<string, Policy>;
}

/** The longest a progressive password block lasts. */
export const MAX_PASSWORD_BLOCK_S = DAY;

export type RateLimitName = keyof ReturnType<typeof policies>;
export type RateLimits = Record<RateLimitName, RateLimiterAbstract>;

/** Keys, built only here so that their shapes stay the table's. */
export const rateLimitKeys = {
  signInFailures: (email: string, address: string) => `${email.toLowerCase()}|${addressBucket(address)}`,
  unlockFailures: (linkId: string, address: string) => `${linkId}|${addressBucket(address)}`,
  address: (address: string) => addressBucket(address),
  passwordStrikes: (kind: "sign-in" | "unlock", pairKey: string) => `${kind}|${pairKey}`,
  apiToken: (tokenId: string) => tokenId,
  originalsBytes: (caller: { userId: string } | { address: string }) =>
    "userId" in caller ? `user:${caller.userId}` : `addr:${addressBucket(caller.address)}`,
  person: (userId: string) => userId,
} as const;

/**
 * The bucket an address counts in: an IPv4 address itself, an IPv6 address's /64 (one subscriber's
 * prefix: a client holds them all), "unknown" when the address could not be told.
 */
export function addressBucket(address: string): string {
  if (!address) return "unknown";
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

export interface RateLimitOptions {
  /** Redis to count in, or null for this process's memory. Default: REDIS_URL's connection. */
  store?: Redis | null;
  config?: Env;
  /** Tests use their own prefix, so that Redis's counts from earlier runs never meet them. */
  prefix?: string;
}

function build(store: Redis | null, config: Env, prefix: string): RateLimits {
  const table = policies(config);
  const limits = {} as RateLimits;
  for (const name of Object.keys(table) as RateLimitName[]) {
    const policy: Policy = table[name];
    const keyPrefix = `${prefix}${name}`;
    const memory = new RateLimiterMemory({ ...policy, keyPrefix });
    limits[name] = store
      ? new RateLimiterRedis({ ...policy, keyPrefix, storeClient: store, insuranceLimiter: memory })
      : memory;
  }
  return limits;
}

// One set per process for the default store: memory limiters must be shared by every caller.
const globalForLimits = globalThis as unknown as { pinholeRateLimits?: RateLimits };

/** Every limiter in the table, on Redis (with memory as insurance) or in memory. */
export function rateLimits(options?: RateLimitOptions): RateLimits {
  if (options) {
    const store = options.store === undefined ? redis() : options.store;
    return build(store, options.config ?? env(), options.prefix ?? "pinhole:rl:");
  }
  globalForLimits.pinholeRateLimits ??= build(redis(), env(), "pinhole:rl:");
  return globalForLimits.pinholeRateLimits;
}

export type Taken = { ok: true; res: RateLimiterRes } | { ok: false; res: RateLimiterRes };

/**
 * Takes `points` from `key`: refused (ok false) when that would go over, with the library's state
 * either way. Store errors the insurance limiter could not absorb are thrown.
 */
export async function take(limiter: RateLimiterAbstract, key: string, points = 1): Promise<Taken> {
  try {
    return { ok: true, res: await limiter.consume(key, points) };
  } catch (error) {
    // A refusal is a RateLimiterRes, a store failure an Error. Not `instanceof RateLimiterRes`: the
    // limiters are shared through globalThis by bundles that each load their own copy of the library.
    if (error instanceof Error || typeof error !== "object" || error === null) throw error;
    return { ok: false, res: error as RateLimiterRes };
  }
}

/** Whole seconds until a refused caller may try again (at least 1). */
export function retryAfterS(res: RateLimiterRes): number {
  return Math.max(Math.ceil(res.msBeforeNext / 1000), 1);
}
