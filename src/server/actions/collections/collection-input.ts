// Input shapes shared by the collection actions (not actions themselves).
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { noControl } from "../organize/bulk-input";

export const collectionDetailsSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the collection a title")
    .max(200, "Keep the title to 200 characters")
    .refine(noControl, "The title has characters that are not allowed"),
  description: z
    .string()
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(5000, "Keep the description to 5 000 characters")
        .refine(noControl, "The description has characters that are not allowed"),
    ),
});

export type CollectionField = "title" | "description";

export interface CollectionFormState extends FormState<CollectionField> {
  collectionId?: string;
}

export function collectionFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Partial<Record<CollectionField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === "title" || field === "description") errors[field] ??= issue.message;
  }
  return errors;
}

/** A collection and one of its albums, as the album buttons on a collection's page send them. */
export const collectionAlbumInput = z.object({ collectionId: z.uuid(), albumId: z.uuid() });

export const SIGN_IN_ERROR = "Sign in to organise your collections.";
