import type { NotificationView } from "@/server/data/notifications/list-notifications";

/** One line saying what happened; names the photo only when the recipient may still see it. */
export function describeNotification(n: NotificationView): string {
  const who = n.actor?.displayName ?? "Someone";
  const photo = n.photo ? (n.photo.title.trim() ? `“${n.photo.title}”` : "your photo") : "a photo";
  const theirPhoto = n.photo ? (n.photo.title.trim() ? `“${n.photo.title}”` : "a photo") : "a photo";
  switch (n.type) {
    case "COMMENT":
      return `${who} commented on ${photo}`;
    case "REPLY":
      return `${who} also commented on ${theirPhoto}`;
    case "FAVORITE":
      return `${who} favorited ${photo}`;
    case "FOLLOW":
      return `${who} started following you`;
    case "MODERATION":
      return n.message || "A moderator acted on your content";
    case "SHARE":
      // The message names an album; a photo is named only while the recipient may still see it.
      return `${who} shared ${n.message || theirPhoto} with you`;
  }
}
