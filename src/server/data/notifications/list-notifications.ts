import "server-only";
import { visiblePhotoWhere } from "@/server/policy/access";
import type { NotificationType } from "@/generated/prisma/enums";
import { dbFor } from "@/server/db/client";

import type { Viewer } from "@/server/policy/viewer";

export interface NotificationView {
  id: string;
  type: NotificationType;
  read: boolean;
  createdAt: string;
  message: string;
  actor: { handle: string; displayName: string } | null;
  /** Only while the recipient can still see the photo; otherwise nothing of it is shown. */
  photo: { id: string; title: string } | null;
  /** The comment's text, under the same rule as the photo. */
  comment: string | null;
}

/** The viewer's own notifications, newest first. */
export async function listNotifications(
  viewer: NonNullable<Viewer>,
  limit = 100,
): Promise<NotificationView[]> {
  const rows = await dbFor(viewer).notification.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      type: true,
      readAt: true,
      createdAt: true,
      message: true,
      photoId: true,
      actor: { select: { handle: true, displayName: true } },
      comment: { select: { body: true, hiddenAt: true } },
    },
  });
  // What of each photo the viewer may see, asked of the database with the policy's own condition.
  const photoIds = [...new Set(rows.flatMap((r) => (r.photoId ? [r.photoId] : [])))];
  const visible = photoIds.length
    ? await dbFor(viewer).photo.findMany({
        where: { AND: [{ id: { in: photoIds } }, visiblePhotoWhere(viewer)] },
        select: { id: true, title: true },
      })
    : [];
  const photos = new Map(visible.map((p) => [p.id, p]));
  return rows.map((r) => {
    const photo = r.photoId ? (photos.get(r.photoId) ?? null) : null;
    return {
      id: r.id,
      type: r.type,
      read: r.readAt !== null,
      createdAt: r.createdAt.toISOString(),
      message: r.message,
      actor: r.actor,
      photo,
      comment: photo && r.comment && !r.comment.hiddenAt ? r.comment.body : null,
    };
  });
}
