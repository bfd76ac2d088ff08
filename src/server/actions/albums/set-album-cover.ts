"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { setAlbumCover } from "@/server/data/albums/set-album-cover";
import { refusalMessage } from "./action-error";
import { type ActionResult, SIGN_IN_ERROR } from "./album-input";

const coverInput = z.object({ albumId: z.uuid(), photoId: z.uuid().nullable() });

export async function setAlbumCoverAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = coverInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such photo in this album" };
  try {
    await setAlbumCover(user, parsed.data);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidatePath(`/albums/${parsed.data.albumId}`);
  return { ok: true, message: parsed.data.photoId ? "Cover chosen" : "Cover cleared" };
}
