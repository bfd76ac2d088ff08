"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { deleteAlbum, type DeletedAlbum } from "@/server/data/albums/delete-album";
import { refusalMessage } from "./action-error";
import { type ActionResult, SIGN_IN_ERROR } from "./album-input";

const albumId = z.uuid({ error: "No such album" });

/** Deletes the album and shows its photos back in the default album (which says so). */
export async function deleteAlbumAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const id = albumId.safeParse(formData.get("albumId"));
  if (!id.success) return { ok: false, error: "No such album" };
  let result: DeletedAlbum;
  try {
    result = await deleteAlbum(user, id.data);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  // Photos changed album: every page that lists them may change.
  revalidatePath("/", "layout");
  redirect(`/albums/${result.defaultAlbumId}?deleted=${result.movedPhotos}`);
}
