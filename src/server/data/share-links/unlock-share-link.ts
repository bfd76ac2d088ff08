import "server-only";
import { env } from "@/env";
import { requestInfo } from "@/server/auth/request-info";
import { limitPasswordAttempt } from "@/server/auth/limit-password-attempt";
import { verifyPassword } from "@/server/auth/password";
import { type RateLimits, rateLimitKeys, rateLimits } from "@/server/cache/rate-limits";
import { AppError } from "@/server/errors/app-error";
import { shareUnlockCookieName, shareUnlockProof, type ShareLinkGrant } from "@/server/policy/share-links";
import { resolveShareLink } from "./resolve-share-link";

export interface UnlockCookie {
  name: string;
  value: string;
  maxAgeS: number;
}

export type UnlockResult =
  | { ok: true; cookie: UnlockCookie | null }
  | { ok: false; reason: "not_found" | "invalid" | "rate_limited"; retryAfterS?: number };

// An unlocked link stays open in that browser for a day at most, and never past the link's expiry.
const UNLOCK_MAX_AGE_S = 24 * 60 * 60;

/**
 * Checks a share link's password. Wrong guesses are limited the way sign-in limits them
 * (limitPasswordAttempt, the point taken before the hash is checked): per (link, address) with
 * SIGNIN_MAX_ATTEMPTS and a growing block, per address with SIGNIN_MAX_ATTEMPTS_PER_ADDRESS. Guesses
 * from one address never lock the link for another. The right password earns the cookie that opens
 * this link only.
 */
export async function unlockShareLink(
  token: string,
  password: string,
  headers: Headers,
  limits: RateLimits = rateLimits(),
  config = env(),
): Promise<UnlockResult> {
  let link: ShareLinkGrant;
  try {
    link = await resolveShareLink(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { ok: false, reason: "not_found" };
    throw error;
  }
  const proof = shareUnlockProof(link);
  if (proof === null) return { ok: true, cookie: null };

  const { ip } = requestInfo(headers);
  const failuresKey = rateLimitKeys.unlockFailures(link.id, ip);
  const attempt = await limitPasswordAttempt(
    {
      failures: limits.unlockFailures,
      failuresKey,
      address: limits.unlockAddress,
      addressKey: rateLimitKeys.address(ip),
      strikes: limits.passwordStrikes,
      strikesKey: rateLimitKeys.passwordStrikes("unlock", failuresKey),
      windowS: config.SIGNIN_WINDOW_SECONDS,
    },
    async () => ((await verifyPassword(link.passwordHash, password)) ? true : null),
  );
  if (!attempt.ok) return attempt;
  const untilExpiry = link.expiresAt ? Math.floor((link.expiresAt.getTime() - Date.now()) / 1000) : Infinity;
  return {
    ok: true,
    cookie: {
      name: shareUnlockCookieName(link),
      value: proof,
      maxAgeS: Math.max(1, Math.min(UNLOCK_MAX_AGE_S, untilExpiry)),
    },
  };
}
