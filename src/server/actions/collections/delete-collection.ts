"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { deleteCollection } from "@/server/data/collections/delete-collection";
import { refusalMessage } from "../albums/action-error";
import type { ActionResult } from "../albums/album-input";
import { SIGN_IN_ERROR } from "./collection-input";

/** Deletes the collection (never its albums) and goes back to the list of collections. */
export async function deleteCollectionAction(input: unknown): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_ERROR };
  const parsed = z.object({ collectionId: z.uuid() }).safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such collection" };
  try {
    await deleteCollection(user, parsed.data.collectionId);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidatePath("/collections");
  redirect("/collections");
}
