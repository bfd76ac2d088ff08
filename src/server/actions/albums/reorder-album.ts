"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { reorderAlbum } from "@/server/data/albums/reorder-album";
import { refusalMessage } from "./action-error";
import { type ActionResult, SIGN_IN_ERROR } from "./album-input";

const reorderInput = z.object({
  albumId: z.uuid(),
  photoId: z.uuid(),
  move: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("step"), direction: z.enum(["earlier", "later"]) }),
    z.object({ kind: z.literal("drop"), place: z.enum(["before", "after"]), targetId: z.uuid() }),
  ]),
});

/** Called from the album grid's buttons and drag and drop with a plain object (checked here). */
export async function reorderAlbumAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = reorderInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such photo" };
  try {
    const { moved } = await reorderAlbum(user, parsed.data);
    if (!moved) return { ok: true };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidatePath(`/albums/${parsed.data.albumId}`);
  return { ok: true };
}
