import "server-only";
import { consumeEmailToken } from "@/server/auth/email-tokens";
import { hashPassword } from "@/server/auth/password";
import { announceSessionsEnded, revokeAllAccess } from "@/server/auth/sessions";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { attachInvitations } from "../access/invite-by-email";

/**
 * Follows a reset link: sets the new password, ends every session and revokes every API token. The
 * link reached the account's address, so that address counts as verified from now on.
 */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const userId = await db().$transaction(async (tx) => {
    const found = await consumeEmailToken(tx, token, "RESET");
    if (!found) throw new AppError("not_found", "This link has expired or was already used.");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: found.userId },
      select: { email: true, emailVerified: true },
    });
    if (user.email !== found.email)
      throw new AppError("not_found", "This link is for an address the account no longer has.");
    await tx.user.update({
      where: { id: found.userId },
      data: { passwordHash, emailVerified: user.emailVerified ?? new Date() },
    });
    if (!user.emailVerified) await attachInvitations(tx, found.userId, found.email);
    await revokeAllAccess(tx, found.userId);
    return found.userId;
  });
  await announceSessionsEnded(userId);
}
