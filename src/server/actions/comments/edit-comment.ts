"use server";
import { z } from "zod";
import { commentBodySchema } from "@/lib/schemas/comment";
import { getCurrentUser } from "@/server/auth/current-user";
import { editComment } from "@/server/data/comments/edit-comment";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ commentId: z.uuid(), body: z.string() });

/** The author edits their comment; access (author, photo still visible) is in editComment's query. */
export async function editCommentAction(raw: unknown): Promise<SocialResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  const body = commentBodySchema.safeParse(parsed.data.body);
  if (!body.success) return { ok: false, error: body.error.issues[0]?.message ?? "Invalid comment" };
  try {
    await editComment(user, { commentId: parsed.data.commentId, body: body.data });
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}
