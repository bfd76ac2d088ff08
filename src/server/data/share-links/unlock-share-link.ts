import "server-only";
import { env } from "@/env";
import { requestInfo } from "@/server/auth/request-info";
import { verifyPassword } from "@/server/auth/password";
import { rateLimiter } from "@/server/cache/rate-limit";
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
 * Checks a share link's password. Wrong guesses are limited the way sign-in limits them (failures
 * only, the same window): per link with SIGNIN_MAX_ATTEMPTS, per address with
 * SIGNIN_MAX_ATTEMPTS_PER_ADDRESS. The right password earns the cookie that opens this link only.
 */
export async function unlockShareLink(
  token: string,
  password: string,
  headers: Headers,
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

  const config = env();
  const { ip } = requestInfo(headers);
  const limits = [
    { key: `share-unlock:link:${link.id}`, max: config.SIGNIN_MAX_ATTEMPTS },
    ...(ip ? [{ key: `share-unlock:ip:${ip}`, max: config.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS }] : []),
  ];
  const limiter = rateLimiter();
  const states = await Promise.all(limits.map((l) => limiter.peek(l.key)));
  const blocked = states.find((s, i) => s.count >= limits[i]!.max);
  if (blocked) return { ok: false, reason: "rate_limited", retryAfterS: Math.ceil(blocked.resetMs / 1000) };

  if (!(await verifyPassword(link.passwordHash, password))) {
    await Promise.all(limits.map((l) => limiter.hit(l.key, config.SIGNIN_WINDOW_SECONDS * 1000)));
    return { ok: false, reason: "invalid" };
  }
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
