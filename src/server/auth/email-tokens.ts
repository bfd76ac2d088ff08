import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { EmailTokenPurpose } from "@/generated/prisma/enums";
import type { DbTransaction } from "@/server/db/client";

/** How long each kind of mailed link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  VERIFY: 24 * 60 * 60 * 1000,
  CHANGE: 24 * 60 * 60 * 1000,
  RESET: 60 * 60 * 1000,
};

// 256 random bits: a plain sha256 is enough to look one up, and a database leak yields no usable link.
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Shaped like a token we mail: anything else is refused without a lookup. */
export const looksLikeEmailToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/** Issues a single-use link token for `email`; only its hash is stored. Returns the token itself. */
export async function issueEmailToken(
  tx: Pick<DbTransaction, "emailToken">,
  userId: string,
  purpose: EmailTokenPurpose,
  email: string,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.emailToken.create({
    data: {
      userId,
      purpose,
      email,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
    },
  });
  return token;
}

/**
 * Uses up a token in the caller's transaction: the one statement that marks it used is also the check
 * that it was unused and unexpired, so two clicks race to one winner. Null when it is no good.
 */
export async function consumeEmailToken(
  tx: Pick<DbTransaction, "emailToken">,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<{ userId: string; email: string } | null> {
  if (!looksLikeEmailToken(token)) return null;
  const tokenHash = hashToken(token);
  const { count } = await tx.emailToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count === 0) return null;
  return tx.emailToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, email: true } });
}
