import "server-only";
import { headers } from "next/headers";
import { env } from "@/env";
import { rateLimitKeys, rateLimits } from "@/server/cache/rate-limits";
import { db } from "@/server/db/client";
import type { CurrentUser } from "./current-user";
import { limitPasswordAttempt } from "./limit-password-attempt";
import { verifyPassword } from "./password";
import { requestInfo } from "./request-info";

/** A session this young was just opened with the password (or a provider): no need to ask again. */
export const FRESH_SESSION_MS = 10 * 60 * 1000;

/**
 * Asks again who is at the keyboard before something a stolen cookie must not do (a new API token, a
 * new address): the account's password, or a session opened in the last 10 minutes. Wrong passwords
 * count against the same limits as sign-in's, so a stolen cookie cannot guess freely here either.
 */
export async function confirmPassword(user: CurrentUser, password: string): Promise<boolean> {
  const row = await db()
    .$primary()
    .user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        passwordHash: true,
        sessions: { where: { id: user.sessionId }, select: { createdAt: true } },
      },
    });
  const opened = row.sessions[0]?.createdAt;
  if (!password) return opened !== undefined && Date.now() - opened.getTime() < FRESH_SESSION_MS;
  if (!row.passwordHash) return false;
  const limits = rateLimits();
  const ip = requestInfo(await headers()).ip;
  const failuresKey = rateLimitKeys.signInFailures(user.email, ip);
  const attempt = await limitPasswordAttempt(
    {
      failures: limits.signInFailures,
      failuresKey,
      address: limits.signInAddress,
      addressKey: rateLimitKeys.address(ip),
      strikes: limits.passwordStrikes,
      strikesKey: rateLimitKeys.passwordStrikes("sign-in", failuresKey),
      windowS: env().SIGNIN_WINDOW_SECONDS,
    },
    async () => ((await verifyPassword(row.passwordHash, password)) ? true : null),
  );
  return attempt.ok;
}
