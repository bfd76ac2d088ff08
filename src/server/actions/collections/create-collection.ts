"use server";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { createCollection } from "@/server/data/collections/create-collection";
import {
  collectionDetailsSchema,
  collectionFieldErrors,
  type CollectionFormState,
  SIGN_IN_ERROR,
} from "./collection-input";

/** Makes the collection and opens its page, where albums are added. */
export async function createCollectionAction(
  _prev: CollectionFormState,
  formData: FormData,
): Promise<CollectionFormState> {
  const values = {
    title: String(formData.get("title") ?? ""),
    description: String(formData.get("description") ?? ""),
  };
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR, values };
  const parsed = collectionDetailsSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: collectionFieldErrors(parsed.error.issues), values };
  const { id } = await createCollection(user, parsed.data);
  redirect(`/collections/${id}`);
}
