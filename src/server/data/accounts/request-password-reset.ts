import "server-only";
import { issueEmailToken } from "@/server/auth/email-tokens";
import { db } from "@/server/db/client";
import { composeMail } from "@/server/mail/compose-mail";
import { enqueueMail } from "@/server/mail/enqueue-mail";

/**
 * "Forgot password": mails a reset link (1 h, single use) when the address has an account, and does
 * nothing otherwise; the caller answers the same either way.
 */
export async function requestPasswordReset(email: string, origin: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) return;
    const token = await issueEmailToken(tx, user.id, "RESET", email);
    await enqueueMail(
      composeMail({
        to: email,
        subject: "Choose a new password",
        paragraphs: [
          `Someone asked to reset the password of the Pinhole account for ${email}. Follow the link to choose a new one; it works once, for an hour.`,
          "Choosing a new password signs out every browser and revokes every API token of the account. If you did not ask for this, ignore this mail: nothing changes.",
        ],
        action: { label: "Choose a new password", url: `${origin}/reset-password?token=${token}` },
        reason: `You received this because a password reset was requested for ${email} on Pinhole.`,
      }),
      tx,
    );
  });
}
