"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseTags } from "@/lib/tags";
import { getCurrentUser } from "@/server/auth/current-user";
import { editPhotosTags } from "@/server/data/organize/edit-photos-tags";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

const tagList = z.string().max(2000, "Too many tags").transform(parseTags);

const tagsInput = z
  .object({ photoIds: photoIdsSchema, add: tagList, remove: tagList })
  .refine((v) => v.add.length + v.remove.length > 0, { message: "Type tags to add or to remove" });

export async function editPhotosTagsAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = tagsInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    add: formData.get("add") ?? "",
    remove: formData.get("remove") ?? "",
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, add, remove } = parsed.data;
  const changed = await editPhotosTags(user, photoIds, { add, remove });
  if (changed === 0) return { error: "Those photos were not found." };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `Changed the tags of ${photosWord(changed)}.${missingNote(new Set(photoIds).size, changed)}`,
  };
}
