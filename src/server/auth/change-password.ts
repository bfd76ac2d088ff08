import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { CurrentUser } from "./current-user";
import { hashPassword, verifyPassword } from "./password";
import { announceSessionsEnded, revokeAllAccess } from "./sessions";

/**
 * Replaces the viewer's password, signs out every other session and revokes every API token: whoever
 * learned the old password (or stole a cookie) loses what they opened with it on their next request.
 */
export async function changePassword(viewer: CurrentUser, current: string, next: string): Promise<void> {
  const user = await db()
    .$primary()
    .user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { passwordHash: true },
    });
  // Accounts made through a provider have no password yet and may set one.
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError("forbidden", "That is not your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(next);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    await revokeAllAccess(tx, viewer.id, viewer.sessionId);
  });
  await announceSessionsEnded(viewer.id);
}
