"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { setCollectionCover } from "@/server/data/collections/set-collection-cover";
import { refusalMessage } from "../albums/action-error";
import type { ActionResult } from "../albums/album-input";
import { collectionAlbumInput, SIGN_IN_ERROR } from "./collection-input";

export async function setCollectionCoverAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = collectionAlbumInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such album in this collection" };
  try {
    await setCollectionCover(user, parsed.data.collectionId, parsed.data.albumId);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidatePath(`/collections/${parsed.data.collectionId}`);
  return { ok: true, message: "Cover chosen" };
}
