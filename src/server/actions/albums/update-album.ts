"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { updateAlbum } from "@/server/data/albums/update-album";
import { refusalMessage } from "./action-error";
import { albumDetailsSchema, albumFieldErrors, type AlbumFormState, SIGN_IN_ERROR } from "./album-input";

const albumId = z.uuid({ error: "No such album" });

export async function updateAlbumAction(_prev: AlbumFormState, formData: FormData): Promise<AlbumFormState> {
  const values = {
    title: String(formData.get("title") ?? ""),
    description: String(formData.get("description") ?? ""),
  };
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR, values };
  const id = albumId.safeParse(formData.get("albumId"));
  if (!id.success) return { error: "No such album", values };
  const parsed = albumDetailsSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: albumFieldErrors(parsed.error.issues), values };
  try {
    await updateAlbum(user, id.data, parsed.data);
  } catch (error) {
    return { error: refusalMessage(error), values };
  }
  revalidatePath(`/albums/${id.data}`);
  revalidatePath("/organize");
  return { ok: true, values: parsed.data };
}
