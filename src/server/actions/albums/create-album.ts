"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { createAlbum } from "@/server/data/albums/create-album";
import { albumDetailsSchema, albumFieldErrors, type AlbumFormState, SIGN_IN_ERROR } from "./album-input";

export async function createAlbumAction(_prev: AlbumFormState, formData: FormData): Promise<AlbumFormState> {
  const values = {
    title: String(formData.get("title") ?? ""),
    description: String(formData.get("description") ?? ""),
  };
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR, values };
  const parsed = albumDetailsSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: albumFieldErrors(parsed.error.issues), values };
  const { id } = await createAlbum(user, parsed.data);
  revalidatePath("/organize");
  revalidatePath("/upload");
  return { ok: true, albumId: id, albumTitle: parsed.data.title };
}
