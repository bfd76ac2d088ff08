"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { renamePhotos, titleFor } from "@/server/data/organize/rename-photos";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, MAX_BULK, missingNote, noControl, photoIdsSchema, photosWord } from "./bulk-input";

const renameInput = z
  .object({
    photoIds: photoIdsSchema,
    pattern: z
      .string()
      .trim()
      .min(1, "Type a title, e.g. “Lisbon {n}”")
      .refine(noControl, "The title has characters that are not allowed"),
  })
  // The longest title the pattern makes is the last photo's: it must fit the title's 200 characters.
  .refine((v) => titleFor(v.pattern, MAX_BULK).length <= 200, {
    message: "Keep the title to 200 characters",
  });

export async function renamePhotosAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = renameInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    pattern: formData.get("pattern"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, pattern } = parsed.data;
  const renamed = await renamePhotos(user, photoIds, pattern);
  if (renamed === 0) return { error: "Those photos were not found." };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `Renamed ${photosWord(renamed)}.${missingNote(new Set(photoIds).size, renamed)}`,
  };
}
