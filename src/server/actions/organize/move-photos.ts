"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { movePhotos } from "@/server/data/albums/move-photos";
import { refusalMessage } from "../albums/action-error";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

const moveInput = z.object({
  photoIds: photoIdsSchema,
  albumId: z.uuid({ error: "Choose one of your albums" }),
});

export async function movePhotosAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = moveInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    albumId: formData.get("albumId"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, albumId } = parsed.data;
  try {
    const result = await movePhotos(user, photoIds, albumId);
    if (result.found === 0) return { error: "Those photos were not found." };
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: `Moved ${photosWord(result.found)} to “${result.albumTitle}”.${missingNote(new Set(photoIds).size, result.found)}`,
    };
  } catch (error) {
    return { error: refusalMessage(error) };
  }
}
