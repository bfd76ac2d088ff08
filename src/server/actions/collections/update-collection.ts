"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { updateCollection } from "@/server/data/collections/update-collection";
import { refusalMessage } from "../albums/action-error";
import {
  collectionDetailsSchema,
  collectionFieldErrors,
  type CollectionFormState,
  SIGN_IN_ERROR,
} from "./collection-input";

const collectionId = z.uuid();

export async function updateCollectionAction(
  _prev: CollectionFormState,
  formData: FormData,
): Promise<CollectionFormState> {
  const values = {
    title: String(formData.get("title") ?? ""),
    description: String(formData.get("description") ?? ""),
  };
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR, values };
  const id = collectionId.safeParse(formData.get("collectionId"));
  if (!id.success) return { error: "No such collection", values };
  const parsed = collectionDetailsSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: collectionFieldErrors(parsed.error.issues), values };
  try {
    await updateCollection(user, id.data, parsed.data);
  } catch (error) {
    return { error: refusalMessage(error), values };
  }
  revalidatePath(`/collections/${id.data}`);
  return { ok: true, values: parsed.data };
}
