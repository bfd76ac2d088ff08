import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "./viewer";

/** A moderator: reads the report queue, hides content, dismisses reports. */
export function isAdmin(viewer: Viewer): viewer is { id: string; role: "ADMIN" } {
  return viewer?.role === "ADMIN";
}

/** Throws not_found for anyone but an admin: the admin pages' existence is not confirmed either. */
export function requireAdmin(viewer: Viewer): asserts viewer is { id: string; role: "ADMIN" } {
  if (!isAdmin(viewer)) throw new AppError("not_found", "No such page");
}

// Being an admin widens no listing and opens no photo page: visiblePhotoWhere treats an admin like
// anyone else. The one exception is the moderation queue, which must show what was reported: an
// admin may load a photo's display variants (never its original) while a report on it is open.
// Once the reports are decided the photo is as invisible to the admin as to anyone.
export async function mayPreviewReportedPhoto(viewer: Viewer, photoId: string): Promise<boolean> {
  if (!isAdmin(viewer)) return false;
  const open = await db()
    .$primary()
    .report.findFirst({ where: { photoId, status: "OPEN" }, select: { id: true } });
  return open !== null;
}
