import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { publishUnreadCount } from "./notification-channel";

/** Marks the viewer's own notifications read: the given ids (others' ids match nothing), or all. */
export async function markNotificationsRead(
  viewer: NonNullable<Viewer>,
  which: { ids: string[] } | "all",
): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(which === "all" ? {} : { id: { in: which.ids } }) },
    data: { readAt: new Date() },
  });
  if (count > 0) await publishUnreadCount(viewer.id);
  return count;
}
