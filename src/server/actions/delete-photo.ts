"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { getCurrentUser } from "@/server/auth/current-user";
import { trashPhotos } from "@/server/data/trash/trash-photos";

const input = z.object({ photoId: z.uuid() });

/**
 * The owner deletes one photo: it goes to the trash in the same request, so the page and every media
 * URL answer 404 from the next request on; /trash restores it, or the sweep deletes it after 30 days.
 */
export async function deletePhotoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const parsed = input.safeParse({ photoId: formData.get("photoId") });
  if (!parsed.success) return { error: "No such photo" };
  // Owner-scoped inside trashPhotos: someone else's id matches nothing and reads as not found.
  const deleted = await trashPhotos(user, [parsed.data.photoId]);
  if (deleted === 0) return { error: "No such photo" };
  revalidatePath(`/photos/${parsed.data.photoId}`);
  revalidatePath(`/people/${user.handle}`);
  redirect(`/people/${user.handle}`);
}
