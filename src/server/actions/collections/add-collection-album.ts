"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { addCollectionAlbum } from "@/server/data/collections/add-collection-album";
import { refusalMessage } from "../albums/action-error";
import type { ActionResult } from "../albums/album-input";
import { collectionAlbumInput, SIGN_IN_ERROR } from "./collection-input";

export async function addCollectionAlbumAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = collectionAlbumInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose one of your albums" };
  try {
    const { albumTitle } = await addCollectionAlbum(user, parsed.data.collectionId, parsed.data.albumId);
    revalidatePath(`/collections/${parsed.data.collectionId}`);
    return { ok: true, message: `Added “${albumTitle}”.` };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
