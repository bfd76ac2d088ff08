import "server-only";
import type { DbTransaction } from "@/server/db/client";
import { composeMail } from "@/server/mail/compose-mail";
import { enqueueMail } from "@/server/mail/enqueue-mail";
import type { Viewer } from "@/server/policy/viewer";

export type InvitationTarget = { kind: "photos"; ids: string[] } | { kind: "album"; id: string };

/**
 * Records a share to addresses with no verified account, in the caller's transaction (after it has
 * checked that the viewer owns the targets), and mails each address an invitation. The grant is made
 * for whoever verifies the address (attachInvitations), never for an account merely claiming it.
 */
export async function inviteByEmail(
  tx: DbTransaction,
  viewer: NonNullable<Viewer>,
  target: InvitationTarget,
  emails: string[],
  origin: string,
): Promise<void> {
  if (emails.length === 0) return;
  if (target.kind === "photos") {
    if (target.ids.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO invitations (email, invited_by_id, photo_id)
      SELECT e, ${viewer.id}::uuid, p FROM unnest(${emails}::text[]) AS e CROSS JOIN unnest(${target.ids}::uuid[]) AS p
      ON CONFLICT (photo_id, email) DO NOTHING`;
  } else {
    await tx.$executeRaw`
      INSERT INTO invitations (email, invited_by_id, album_id)
      SELECT e, ${viewer.id}::uuid, ${target.id}::uuid FROM unnest(${emails}::text[]) AS e
      ON CONFLICT (album_id, email) DO NOTHING`;
  }
  const owner = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { displayName: true } });
  const what =
    target.kind === "album"
      ? "an album"
      : target.ids.length === 1
        ? "a photo"
        : `${target.ids.length} photos`;
  for (const to of emails) {
    const signUp = `${origin}/sign-up?email=${encodeURIComponent(to)}`;
    await enqueueMail(
      composeMail({
        to,
        subject: `${owner.displayName} shared ${what} with you`,
        paragraphs: [
          `${owner.displayName} shared ${what} with ${to} on Pinhole.`,
          "To see it, create an account with this address (or sign in, if you have one) and verify the address: the share is yours once the address is verified.",
        ],
        action: { label: "Create an account", url: signUp },
        reason: `You received this because someone shared photos with ${to}.`,
      }),
      tx,
    );
  }
}

/**
 * Turns every invitation to `email` into access grants for `userId`: called in the transaction that
 * proves the user owns the address (a verification or an email change).
 */
export async function attachInvitations(
  tx: Pick<DbTransaction, "$executeRaw">,
  userId: string,
  email: string,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO access_grants (user_id, photo_id)
    SELECT ${userId}::uuid, photo_id FROM invitations
    WHERE email = ${email} AND photo_id IS NOT NULL AND invited_by_id <> ${userId}::uuid
    ON CONFLICT (photo_id, user_id) DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO access_grants (user_id, album_id)
    SELECT ${userId}::uuid, album_id FROM invitations
    WHERE email = ${email} AND album_id IS NOT NULL AND invited_by_id <> ${userId}::uuid
    ON CONFLICT (album_id, user_id) DO NOTHING`;
  await tx.$executeRaw`DELETE FROM invitations WHERE email = ${email}`;
}
