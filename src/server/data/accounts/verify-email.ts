import "server-only";
import { consumeEmailToken } from "@/server/auth/email-tokens";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { attachInvitations } from "../access/invite-by-email";

/**
 * Follows a verification link: the address becomes verified, and every share waiting for it
 * (invitations) becomes the account's. A link for an address the account no longer has verifies
 * nothing. Throws not_found for a used, expired or unknown link.
 */
export async function verifyEmail(token: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const found = await consumeEmailToken(tx, token, "VERIFY");
    if (!found) throw new AppError("not_found", "This link has expired or was already used.");
    const { count } = await tx.user.updateMany({
      where: { id: found.userId, email: found.email },
      data: { emailVerified: new Date() },
    });
    if (count === 0)
      throw new AppError("not_found", "This link is for an address the account no longer has.");
    await attachInvitations(tx, found.userId, found.email);
  });
}
