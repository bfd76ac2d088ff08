import "server-only";
import { visiblePhotoWhere } from "@/server/policy/access";
import { Prisma } from "@/generated/prisma/client";
import type { ReportReason, ReportTarget } from "@/lib/schemas/report";
import { rateLimitKeys, rateLimits, REPORTS_PER_HOUR, take } from "@/server/cache/rate-limits";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { visibleCommentWhere } from "@/server/policy/comments";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Reports a photo or comment the viewer can see (anything else is not found: a report never
 * confirms that something exists). One open report per reporter and target: a repeat is answered
 * `alreadyReported`, not an error. At most REPORTS_PER_HOUR per person.
 */
export async function reportContent(
  viewer: NonNullable<Viewer>,
  input: { target: ReportTarget; reason: ReportReason; details: string },
): Promise<{ alreadyReported: boolean }> {
  const { target } = input;
  const what = target.kind === "photo" ? "photo" : "comment";
  const notFound = new AppError("not_found", `No such ${what}`);
  if (!isUuid(target.id)) throw notFound;
  const ownerId =
    target.kind === "photo"
      ? (
          await db()
            .$primary()
            .photo.findFirst({
              where: { id: target.id, ...visiblePhotoWhere(viewer) },
              select: { ownerId: true },
            })
        )?.ownerId
      : (
          await db().comment.findFirst({
            where: { AND: [{ id: target.id }, visibleCommentWhere(viewer)] },
            select: { authorId: true },
          })
        )?.authorId;
  if (!ownerId) throw notFound;
  if (ownerId === viewer.id) {
    throw new AppError("bad_request", `That is your own ${what}: edit or delete it instead of reporting it.`);
  }

  if (!(await take(rateLimits().reports, rateLimitKeys.person(viewer.id))).ok) {
    throw new AppError(
      "rate_limited",
      `You have sent many reports in the last hour (at most ${REPORTS_PER_HOUR}). Try again later.`,
    );
  }
  try {
    await db().report.create({
      data: {
        reporterId: viewer.id,
        photoId: target.kind === "photo" ? target.id : null,
        commentId: target.kind === "comment" ? target.id : null,
        reason: input.reason,
        details: input.details,
      },
      select: { id: true },
    });
    return { alreadyReported: false };
  } catch (error) {
    // The partial unique index on open reports (reporter, target): this person's report is waiting.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { alreadyReported: true };
    }
    throw error;
  }
}
