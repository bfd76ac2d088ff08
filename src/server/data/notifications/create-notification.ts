import "server-only";
import type { NotificationType } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { publishUnreadCount } from "./notification-channel";

export interface NewNotification {
  recipientId: string;
  type: NotificationType;
  /** Who did it; nobody is notified of their own doing. */
  actorId: string | null;
  photoId?: string | null;
  commentId?: string | null;
  message?: string;
}

/**
 * Records notifications and tells each recipient's open tabs. Called after the change that caused
 * them has committed (a notification is a side effect: losing one never undoes the change). What a
 * notification shows of its photo is decided when it is read, against the recipient's access then.
 */
export async function notify(...items: NewNotification[]): Promise<void> {
  const rows = items.filter((n) => n.recipientId !== n.actorId);
  if (rows.length === 0) return;
  await db().notification.createMany({
    data: rows.map((n) => ({
      userId: n.recipientId,
      type: n.type,
      actorId: n.actorId,
      photoId: n.photoId ?? null,
      commentId: n.commentId ?? null,
      message: n.message ?? "",
    })),
  });
  await Promise.all([...new Set(rows.map((n) => n.recipientId))].map(publishUnreadCount));
}
