"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { commentBodySchema } from "@/lib/schemas/comment";
import { getCurrentUser } from "@/server/auth/current-user";
import { addComment } from "@/server/data/comments/add-comment";
import { requirePhotoAccess } from "@/server/policy/photos";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ photoId: z.uuid(), body: z.string() });

export async function addCommentAction(raw: unknown): Promise<SocialResult<{ id: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such photo" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    // Access first: a stranger learns nothing about a private photo, not even that the text was bad.
    await requirePhotoAccess(user, parsed.data.photoId);
    const body = commentBodySchema.safeParse(parsed.data.body);
    if (!body.success) return { ok: false, error: body.error.issues[0]?.message ?? "Invalid comment" };
    const comment = await addComment(user, { photoId: parsed.data.photoId, body: body.data });
    revalidatePath(`/photos/${parsed.data.photoId}`);
    return { ok: true, id: comment.id };
  } catch (error) {
    return refused(error);
  }
}
