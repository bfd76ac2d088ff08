"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { setPhotosVisibility } from "@/server/data/albums/set-photos-visibility";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

// SHARED needs a list of people to share with: that comes with the access-control editor.
const visibilityInput = z.object({
  photoIds: photoIdsSchema,
  visibility: z.enum(["PUBLIC", "PRIVATE"], { error: "Choose Public or Private" }),
});

const label = { PUBLIC: "public", PRIVATE: "private" } as const;

export async function setPhotosVisibilityAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = visibilityInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    visibility: formData.get("visibility"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, visibility } = parsed.data;
  const changed = await setPhotosVisibility(user, photoIds, visibility);
  if (changed === 0) return { error: "Those photos were not found." };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `Made ${photosWord(changed)} ${label[visibility]}.${missingNote(new Set(photoIds).size, changed)}`,
  };
}
