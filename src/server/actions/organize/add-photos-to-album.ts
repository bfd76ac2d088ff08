"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { addPhotosToAlbum } from "@/server/data/albums/add-photos-to-album";
import { refusalMessage } from "../albums/action-error";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

const albumInput = z.object({
  photoIds: photoIdsSchema,
  albumId: z.uuid({ error: "Choose one of your albums" }),
});

/** Puts the selection in one more album; each photo's home album and other albums stay. */
export async function addPhotosToAlbumAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = albumInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    albumId: formData.get("albumId"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, albumId } = parsed.data;
  try {
    const { found, added, albumTitle } = await addPhotosToAlbum(user, photoIds, albumId);
    if (found === 0) return { error: "Those photos were not found." };
    revalidatePath("/", "layout");
    const already = found - added;
    return {
      ok: true,
      message: `Added ${photosWord(added)} to “${albumTitle}”.${already > 0 ? ` ${photosWord(already)} ${already === 1 ? "was" : "were"} in it already.` : ""}${missingNote(new Set(photoIds).size, found)}`,
    };
  } catch (error) {
    return { error: refusalMessage(error) };
  }
}
