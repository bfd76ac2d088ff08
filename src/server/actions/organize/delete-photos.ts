"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { trashPhotos } from "@/server/data/trash/trash-photos";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

export async function deletePhotosAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = photoIdsSchema.safeParse(formData.getAll("photoIds"));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const deleted = await trashPhotos(user, parsed.data);
  if (deleted === 0) return { error: "Those photos were not found." };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `Moved ${photosWord(deleted)} to the trash.${missingNote(new Set(parsed.data).size, deleted)}`,
  };
}
