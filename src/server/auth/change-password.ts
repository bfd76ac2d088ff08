import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { CurrentUser } from "./current-user";
import { hashPassword, verifyPassword } from "./password";

/**
 * Replaces the viewer's password and signs out every other session: whoever learned the old
 * password loses the sessions they opened with it on their next request.
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
  await db().$transaction([
    db().user.update({ where: { id: viewer.id }, data: { passwordHash } }),
    db().session.updateMany({
      where: { userId: viewer.id, revokedAt: null, id: { not: viewer.sessionId } },
      data: { revokedAt: new Date() },
    }),
  ]);
}
