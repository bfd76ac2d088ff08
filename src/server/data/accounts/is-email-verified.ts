import "server-only";
import { db } from "@/server/db/client";
import type { CurrentUser } from "@/server/auth/current-user";

/** Whether the viewer's current address has been proved theirs (a followed link, or a provider's word). */
export async function isEmailVerified(viewer: CurrentUser): Promise<boolean> {
  const row = await db()
    .$primary()
    .user.findUniqueOrThrow({ where: { id: viewer.id }, select: { emailVerified: true } });
  return row.emailVerified !== null;
}
