import "server-only";
import { env } from "@/env";
import { signInSchema } from "@/lib/schemas/account";
import { rateLimiter } from "@/server/cache/rate-limit";
import { db } from "@/server/db/client";
import { verifyPassword } from "./password";
import { requestInfo } from "./request-info";
import { createSession } from "./sessions";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionId: string } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterS?: number };

/**
 * Checks an email and password. Unknown email and wrong password take the same path and the same
 * time; attempts are limited per account and per address, counting failures only.
 */
export async function checkCredentials(input: unknown, headers: Headers): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const info = requestInfo(headers);
  const config = env();
  const windowS = config.SIGNIN_WINDOW_SECONDS;
  const limiter = rateLimiter();
  const limits = [
    { key: `signin:account:${email}`, max: config.SIGNIN_MAX_ATTEMPTS },
    ...(info.ip ? [{ key: `signin:ip:${info.ip}`, max: config.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS }] : []),
  ];
  const keys = limits.map((l) => l.key);

  const states = await Promise.all(keys.map((k) => limiter.peek(k)));
  const blocked = states.find((s, i) => s.count >= limits[i]!.max);
  if (blocked) return { ok: false, reason: "rate_limited", retryAfterS: Math.ceil(blocked.resetMs / 1000) };

  const user = await db()
    .$primary()
    .user.findUnique({
      where: { email },
      select: { id: true, email: true, displayName: true, passwordHash: true },
    });
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) {
    await Promise.all(keys.map((k) => limiter.hit(k, windowS * 1000)));
    return { ok: false, reason: "invalid" };
  }
  const sessionId = await createSession(user.id, info);
  return { ok: true, user: { id: user.id, email: user.email, name: user.displayName, sessionId } };
}
