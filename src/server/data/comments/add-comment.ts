import "server-only";
import { COMMENTS_PER_MINUTE, rateLimitKeys, rateLimits, take } from "@/server/cache/rate-limits";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { notify, type NewNotification } from "@/server/data/notifications/create-notification";
import { checkPhotoAccess, requirePhotoAccess } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Posts a comment (the body already parsed by commentBodySchema) on a photo the viewer can see,
 * at most COMMENTS_PER_MINUTE per person. The photo's comment_count moves in the same transaction.
 * Notifies the owner (COMMENT) and earlier commenters on the photo (REPLY).
 */
export async function addComment(
  viewer: NonNullable<Viewer>,
  input: { photoId: string; body: string },
): Promise<{ id: string }> {
  await requirePhotoAccess(viewer, input.photoId);
  if (!(await take(rateLimits().comments, rateLimitKeys.person(viewer.id))).ok) {
    throw new AppError(
      "rate_limited",
      `You're commenting too fast: at most ${COMMENTS_PER_MINUTE} comments a minute. Wait a moment and try again.`,
    );
  }
  const { comment, ownerId, others } = await db().$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { photoId: input.photoId, authorId: viewer.id, body: input.body },
      select: { id: true },
    });
    const [photo] = await tx.$queryRaw<{ owner_id: string }[]>`
      UPDATE photos SET comment_count = comment_count + 1 WHERE id = ${input.photoId}::uuid
      RETURNING owner_id::text`;
    // Everyone else in the thread (capped: a long thread notifies its most recent voices).
    const others = await tx.comment.findMany({
      where: { photoId: input.photoId, authorId: { notIn: [viewer.id, photo?.owner_id ?? viewer.id] } },
      distinct: ["authorId"],
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { authorId: true },
    });
    return { comment, ownerId: photo?.owner_id ?? null, others };
  });
  // Earlier commenters who have since lost access to the photo hear nothing of new activity on it.
  const stillSee = await Promise.all(
    others.map(
      async (o) => (await checkPhotoAccess({ id: o.authorId, role: "USER" }, [input.photoId])).size > 0,
    ),
  );
  const base = { actorId: viewer.id, photoId: input.photoId, commentId: comment.id };
  const items: NewNotification[] = others
    .filter((_, i) => stillSee[i])
    .map((o) => ({ ...base, recipientId: o.authorId, type: "REPLY" }));
  if (ownerId) items.push({ ...base, recipientId: ownerId, type: "COMMENT" });
  await notify(...items);
  return comment;
}
