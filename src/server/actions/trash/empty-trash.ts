"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { emptyTrash } from "@/server/data/trash/empty-trash";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, photoIdsSchema, photosWord } from "../organize/bulk-input";

/**
 * The owner deletes photos in the trash for good: the ones chosen (`photoIds`), or, with none named,
 * the whole trash. Rows go now, files in a background job.
 */
export async function emptyTrashAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const named = formData.getAll("photoIds");
  const parsed = named.length > 0 ? photoIdsSchema.safeParse(named) : null;
  if (parsed && !parsed.success) return { error: parsed.error.issues[0]?.message };
  // Owner-scoped inside emptyTrash: someone else's ids match nothing.
  const deleted = await emptyTrash(user, parsed?.data);
  if (deleted === 0) return { error: "Those photos were not found in your trash." };
  revalidatePath("/trash");
  return { ok: true, message: `Deleted ${photosWord(deleted)} for good.` };
}
