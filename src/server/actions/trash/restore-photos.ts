"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { restorePhotos } from "@/server/data/trash/restore-photos";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "../organize/bulk-input";

/** The owner takes photos out of the trash: back in their albums, with everything they had. */
export async function restorePhotosAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = photoIdsSchema.safeParse(formData.getAll("photoIds"));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  // Owner-scoped inside restorePhotos: someone else's ids match nothing.
  const restored = await restorePhotos(user, parsed.data);
  if (restored === 0) return { error: "Those photos were not found in your trash." };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `Restored ${photosWord(restored)}.${missingNote(new Set(parsed.data).size, restored)}`,
  };
}
