import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { issueEmailToken } from "@/server/auth/email-tokens";
import { composeMail } from "@/server/mail/compose-mail";
import { enqueueMail } from "@/server/mail/enqueue-mail";
import { createUser, type NewUser } from "../create-user";

/**
 * Signs someone up, answering the same whether or not the address is taken: a free address gets its
 * account and a verification link (24 h); a taken one gets a "someone tried to sign up" mail instead,
 * so the form tells nobody which addresses have accounts. A taken handle is still said (handles are
 * public on every photostream). Returns nothing either way.
 */
export async function registerAccount(input: NewUser & { password: string }, origin: string): Promise<void> {
  let userId: string;
  try {
    ({ id: userId } = await createUser(input));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "conflict" && error.field === "email")) throw error;
    // Both taken: the handle is what this form may say, as it would for a free address.
    const handleTaken = await db()
      .$primary()
      .user.findUnique({ where: { handle: input.handle }, select: { id: true } });
    if (handleTaken)
      throw new AppError("conflict", "That handle is taken; choose another", { field: "handle" });
    await enqueueMail(
      composeMail({
        to: input.email,
        subject: "Someone tried to sign up with your address",
        paragraphs: [
          `Someone tried to create a new Pinhole account with ${input.email}, which already has one. No account was created.`,
          "If it was you, sign in instead; if you forgot your password, you can choose a new one:",
        ],
        action: { label: "Choose a new password", url: `${origin}/forgot-password` },
        reason: `You received this because ${input.email} was entered on Pinhole's sign-up page.`,
      }),
    );
    return;
  }
  await sendVerificationMail(userId, input.email, origin);
}

/** Mails a fresh verification link for the user's current address. */
export async function sendVerificationMail(userId: string, email: string, origin: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const token = await issueEmailToken(tx, userId, "VERIFY", email);
    await enqueueMail(
      composeMail({
        to: email,
        subject: "Verify your email address",
        paragraphs: [
          `Welcome to Pinhole. Confirm that ${email} is yours to finish setting up your account: until then, nobody can share photos with this address.`,
          "The link works once, for 24 hours.",
        ],
        action: { label: "Verify my address", url: `${origin}/verify-email?token=${token}` },
        reason: `You received this because an account was created on Pinhole with ${email}.`,
      }),
      tx,
    );
  });
}
