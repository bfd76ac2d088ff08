import "server-only";
import { issueEmailToken } from "@/server/auth/email-tokens";
import { db } from "@/server/db/client";
import { composeMail } from "@/server/mail/compose-mail";
import { enqueueMail } from "@/server/mail/enqueue-mail";
import type { CurrentUser } from "@/server/auth/current-user";

/**
 * Starts an address change: the new address gets a link (24 h) that makes it the account's, the old
 * one is told. Nothing changes until the link is followed. An address that already has an account
 * gets a mail saying so instead (the form answers the same, telling nobody which addresses are taken).
 */
export async function requestEmailChange(
  viewer: CurrentUser,
  newEmail: string,
  origin: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    if (taken) {
      if (taken.id === viewer.id) return;
      await enqueueMail(
        composeMail({
          to: newEmail,
          subject: "This address already has an account",
          paragraphs: [
            `Someone asked to move another Pinhole account to ${newEmail}, which already has an account. Nothing was changed.`,
          ],
          reason: `You received this because ${newEmail} was entered as a new address on Pinhole.`,
        }),
        tx,
      );
      return;
    }
    const token = await issueEmailToken(tx, viewer.id, "CHANGE", newEmail);
    await enqueueMail(
      composeMail({
        to: newEmail,
        subject: "Confirm your new email address",
        paragraphs: [
          `${viewer.displayName} (@${viewer.handle}) asked to use ${newEmail} for their Pinhole account. Follow the link to confirm it; it works once, for 24 hours.`,
        ],
        action: { label: "Use this address", url: `${origin}/confirm-email?token=${token}` },
        reason: `You received this because ${newEmail} was entered as a new address on Pinhole.`,
      }),
      tx,
    );
    await enqueueMail(
      composeMail({
        to: viewer.email,
        subject: "A change of your email address was requested",
        paragraphs: [
          `Someone signed in to your Pinhole account asked to change its address from ${viewer.email} to ${newEmail}. It changes only once the new address is confirmed.`,
          "If this was not you, change your password now: that signs every browser out.",
        ],
        action: { label: "Open your settings", url: `${origin}/settings` },
        reason: `You received this because ${viewer.email} is the address of your Pinhole account.`,
      }),
      tx,
    );
  });
}
