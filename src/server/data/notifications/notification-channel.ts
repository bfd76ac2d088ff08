import "server-only";
import { db } from "@/server/db/client";
import { pubsub } from "@/server/cache/pubsub";

/** The channel a user's open tabs listen on for their unread count. */
export function notificationChannel(userId: string): string {
  return `pinhole:notifications:${userId}`;
}

export async function countUnread(userId: string): Promise<number> {
  return db()
    .$primary()
    .notification.count({ where: { userId, readAt: null } });
}

/** Tells the user's open tabs (on any instance) their new unread count. Never fails the caller. */
export async function publishUnreadCount(userId: string): Promise<void> {
  try {
    await pubsub().publish(notificationChannel(userId), String(await countUnread(userId)));
  } catch (error) {
    console.error("publishing the unread count failed", error);
  }
}
