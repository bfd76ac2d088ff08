import "server-only";
import { env } from "@/env";
import { type RateLimits, rateLimitKeys, rateLimits, retryAfterS, take } from "@/server/cache/rate-limits";
import { AppError } from "@/server/errors/app-error";
import type { ApiCaller } from "./authenticate-api-request";

const WINDOW_S = 60;
const DAY_S = 86_400;

export interface RateLimitOutcome {
  /** `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers), on every answer. */
  headers: Record<string, string>;
}

/** The request budget a caller draws on: its token's, or its address's when it sends none. */
function bucketOf(caller: ApiCaller, limits: RateLimits, config: ReturnType<typeof env>) {
  return caller.kind === "token"
    ? {
        policy: "token",
        limiter: limits.apiToken,
        key: rateLimitKeys.apiToken(caller.token.id),
        limit: config.API_RATE_LIMIT_PER_TOKEN,
      }
    : {
        policy: "address",
        limiter: limits.apiAddress,
        key: rateLimitKeys.address(caller.address),
        limit: config.API_RATE_LIMIT_PER_ADDRESS,
      };
}

/**
 * Counts one request against the caller's budget (one-minute windows from its first request, in
 * Redis when configured, this process's memory otherwise). Over the limit: 429 with Retry-After, the
 * headers still sent.
 */
export async function limitApiRequest(
  caller: ApiCaller,
  limits: RateLimits = rateLimits(),
  config = env(),
): Promise<RateLimitOutcome> {
  const bucket = bucketOf(caller, limits, config);
  const { ok, res } = await take(bucket.limiter, bucket.key);
  const resetS = Math.max(Math.ceil(res.msBeforeNext / 1000), 0);
  const headers = {
    "RateLimit-Policy": `"${bucket.policy}";q=${bucket.limit};w=${WINDOW_S}`,
    RateLimit: `"${bucket.policy}";r=${res.remainingPoints};t=${resetS}`,
  };
  if (!ok) {
    throw new RateLimitedError(
      `Too many requests: ${bucket.limit} a minute per ${bucket.policy}. Try again in ${resetS} s.`,
      { ...headers, "Retry-After": String(retryAfterS(res)) },
    );
  }
  return { headers };
}

/** A 429 that carries the headers its response must send (Retry-After, RateLimit). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly headers: Record<string, string>,
    code: "rate_limited" | "quota_exceeded" = "rate_limited",
  ) {
    super(code, message);
  }
}

/** Whose originals quota a download counts against: the person behind a token, or an address. */
function quotaKey(caller: ApiCaller): string {
  return rateLimitKeys.originalsBytes(
    caller.kind === "token" ? { userId: caller.viewer.id } : { address: caller.address },
  );
}

function quotaHeaders(limit: number, used: number, resetMs: number): Record<string, string> {
  const resetS = resetMs > 0 ? Math.ceil(resetMs / 1000) : DAY_S;
  return {
    "RateLimit-Policy": `"originals";q=${limit};w=${DAY_S};qu="content-bytes"`,
    RateLimit: `"originals";r=${Math.max(limit - used, 0)};t=${resetS}`,
  };
}

/**
 * Before an original is sent: refused (429 `quota_exceeded`) once the caller has downloaded their
 * day's bytes. A download that starts under the quota completes; the next one is refused.
 */
export async function checkOriginalsQuota(
  caller: ApiCaller,
  limits: RateLimits = rateLimits(),
  config = env(),
): Promise<void> {
  const limit = config.API_ORIGINALS_BYTES_PER_DAY;
  const state = await limits.originalsBytes.get(quotaKey(caller));
  const used = state?.consumedPoints ?? 0;
  if (state && used >= limit) {
    const headers = quotaHeaders(limit, used, state.msBeforeNext);
    const retryS = String(retryAfterS(state));
    throw new RateLimitedError(
      `Daily download quota for originals used up (${limit} bytes a day). Variants are not counted. Try again in ${retryS} s.`,
      { ...headers, "Retry-After": retryS },
      "quota_exceeded",
    );
  }
}

/** After an original is sent: counts its bytes, and returns the quota's headers for the response. */
export async function chargeOriginalsQuota(
  caller: ApiCaller,
  bytes: number,
  limits: RateLimits = rateLimits(),
  config = env(),
): Promise<Record<string, string>> {
  const limit = config.API_ORIGINALS_BYTES_PER_DAY;
  const res = await limits.originalsBytes.penalty(quotaKey(caller), Math.max(Math.floor(bytes), 0));
  return quotaHeaders(limit, res.consumedPoints, res.msBeforeNext);
}
