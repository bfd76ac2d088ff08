import "server-only";
import { env } from "@/env";
import { signInSchema } from "@/lib/schemas/account";
import { type RateLimits, rateLimitKeys, rateLimits } from "@/server/cache/rate-limits";
import { db } from "@/server/db/client";
import { limitPasswordAttempt } from "./limit-password-attempt";
import { verifyPassword } from "./password";
import { requestInfo } from "./request-info";
import { createSession } from "./sessions";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionId: string } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterS?: number };

/**
 * Checks an email and password. Unknown email and wrong password take the same path and the same
 * time. Each attempt takes its point from the (account, address) and the address limits before the
 * password is checked (limitPasswordAttempt); guesses from one address never lock the account for
 * another.
 */
export async function checkCredentials(
  input: unknown,
  headers: Headers,
  limits: RateLimits = rateLimits(),
  config = env(),
): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const info = requestInfo(headers);
  const failuresKey = rateLimitKeys.signInFailures(email, info.ip);
  const attempt = await limitPasswordAttempt(
    {
      failures: limits.signInFailures,
      failuresKey,
      address: limits.signInAddress,
      addressKey: rateLimitKeys.address(info.ip),
      strikes: limits.passwordStrikes,
      strikesKey: rateLimitKeys.passwordStrikes("sign-in", failuresKey),
      windowS: config.SIGNIN_WINDOW_SECONDS,
    },
    async () => {
      const user = await db()
        .$primary()
        .user.findUnique({
          where: { email },
          select: { id: true, email: true, displayName: true, passwordHash: true },
        });
      const valid = await verifyPassword(user?.passwordHash, password);
      return user && valid ? user : null;
    },
  );
  if (!attempt.ok) return attempt;
  const user = attempt.value;
  const sessionId = await createSession(user.id, info);
  return { ok: true, user: { id: user.id, email: user.email, name: user.displayName, sessionId } };
}
