import "server-only";
import type { ReportTarget } from "@/lib/schemas/report";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { requireAdmin } from "@/server/policy/admin";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * A moderator decides a photo or comment may stay: its open reports are closed as dismissed. The
 * reporters may report it again later (the one-open-report rule counts open reports only).
 */
export async function dismissReports(viewer: Viewer, target: ReportTarget): Promise<number> {
  requireAdmin(viewer);
  if (!isUuid(target.id)) throw new AppError("not_found", "No open reports on that");
  const { count } = await db().report.updateMany({
    where: {
      status: "OPEN",
      ...(target.kind === "photo" ? { photoId: target.id } : { commentId: target.id }),
    },
    data: { status: "DISMISSED", resolvedById: viewer.id, resolvedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "No open reports on that");
  return count;
}
