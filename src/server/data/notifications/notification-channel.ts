import "server-only";
import { db } from "@/server/db/client";
import { pubsub } from "@/server/cache/pubsub";
import { logger } from "@/server/log/logger";

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
    logger().error({ err: error, userId }, "publishing the unread count failed");
  }
}
