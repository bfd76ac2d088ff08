"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { moveCollectionAlbum } from "@/server/data/collections/move-collection-album";
import { refusalMessage } from "../albums/action-error";
import type { ActionResult } from "../albums/album-input";
import { collectionAlbumInput, SIGN_IN_ERROR } from "./collection-input";

const moveInput = collectionAlbumInput.extend({ direction: z.enum(["earlier", "later"]) });

export async function moveCollectionAlbumAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = moveInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such album in this collection" };
  const { collectionId, albumId, direction } = parsed.data;
  try {
    const { place, count } = await moveCollectionAlbum(user, collectionId, albumId, direction);
    revalidatePath(`/collections/${collectionId}`);
    return { ok: true, message: `Moved to place ${place} of ${count}` };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
