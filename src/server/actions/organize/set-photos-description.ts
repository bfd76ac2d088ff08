"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { setPhotosDescription } from "@/server/data/organize/set-photos-description";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, noControl, photoIdsSchema, photosWord } from "./bulk-input";

const descriptionInput = z.object({
  photoIds: photoIdsSchema,
  description: z
    .string({ error: "Type a description" })
    // Browsers submit a textarea's line breaks as CRLF; store plain newlines.
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(5000, "Keep the description to 5 000 characters")
        .refine(noControl, "The description has characters that are not allowed"),
    ),
});

export async function setPhotosDescriptionAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = descriptionInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    description: formData.get("description"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, description } = parsed.data;
  const changed = await setPhotosDescription(user, photoIds, description);
  if (changed === 0) return { error: "Those photos were not found." };
  revalidatePath("/", "layout");
  const what = description ? "Described" : "Cleared the description of";
  return {
    ok: true,
    message: `${what} ${photosWord(changed)}.${missingNote(new Set(photoIds).size, changed)}`,
  };
}
