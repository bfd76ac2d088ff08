"use server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { deleteComment } from "@/server/data/comments/delete-comment";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ commentId: z.uuid() });

/** Its author or the photo's owner deletes a comment; who may is decided in deleteComment's query. */
export async function deleteCommentAction(raw: unknown): Promise<SocialResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    await deleteComment(user, parsed.data.commentId);
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}
