"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { removePhotosFromAlbum } from "@/server/data/albums/remove-photos-from-album";
import { refusalMessage } from "../albums/action-error";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, photoIdsSchema, photosWord } from "./bulk-input";

const albumInput = z.object({
  photoIds: photoIdsSchema,
  albumId: z.uuid({ error: "Choose one of your albums" }),
});

/** Takes the selection out of one album; the photos themselves stay (see removePhotosFromAlbum). */
export async function removePhotosFromAlbumAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = albumInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    albumId: formData.get("albumId"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, albumId } = parsed.data;
  try {
    const { removed, kept, albumTitle } = await removePhotosFromAlbum(user, photoIds, albumId);
    if (removed === 0 && kept === 0) return { error: `None of those photos is in “${albumTitle}”.` };
    revalidatePath("/", "layout");
    const stayed =
      kept > 0 ? ` ${photosWord(kept)} in no other album stayed in “${albumTitle}”, your default album.` : "";
    return { ok: true, message: `Removed ${photosWord(removed)} from “${albumTitle}”.${stayed}` };
  } catch (error) {
    return { error: refusalMessage(error) };
  }
}
