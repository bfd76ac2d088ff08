import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { consumeEmailToken } from "@/server/auth/email-tokens";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { composeMail } from "@/server/mail/compose-mail";
import { enqueueMail } from "@/server/mail/enqueue-mail";
import { attachInvitations } from "../access/invite-by-email";

/**
 * Follows an address-change link: the new (now verified) address replaces the old, shares waiting
 * for it become the account's, and the old address is told.
 */
export async function confirmEmailChange(token: string): Promise<void> {
  try {
    await db().$transaction(async (tx) => {
      const found = await consumeEmailToken(tx, token, "CHANGE");
      if (!found) throw new AppError("not_found", "This link has expired or was already used.");
      const before = await tx.user.findUniqueOrThrow({
        where: { id: found.userId },
        select: { email: true },
      });
      await tx.user.update({
        where: { id: found.userId },
        data: { email: found.email, emailVerified: new Date() },
      });
      await attachInvitations(tx, found.userId, found.email);
      await enqueueMail(
        composeMail({
          to: before.email,
          subject: "Your email address was changed",
          paragraphs: [
            `The address of your Pinhole account is now ${found.email} instead of ${before.email}.`,
            "If this was not you, reset your password from the sign-in page and contact the site's administrator.",
          ],
          reason: `You received this because ${before.email} was the address of your Pinhole account.`,
        }),
        tx,
      );
    });
  } catch (error) {
    // Someone took the address between the request and the click.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("conflict", "That address now belongs to another account.", { cause: error });
    throw error;
  }
}
