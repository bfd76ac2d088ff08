// Input shapes and results shared by the album and organise actions (not actions themselves).
import { z } from "zod";
import type { FormState } from "@/lib/form-state";

const noControl = (v: string) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(v.replace(/[\n\r\t]/g, ""));

export const albumDetailsSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the album a title")
    .max(200, "Keep the title to 200 characters")
    .refine(noControl, "The title has characters that are not allowed"),
  description: z
    .string()
    .trim()
    .max(5000, "Keep the description to 5 000 characters")
    .refine(noControl, "The description has characters that are not allowed"),
});

export type AlbumField = "title" | "description";

export interface AlbumFormState extends FormState<AlbumField> {
  /** The album just created, so the form can link to it. */
  albumId?: string;
  albumTitle?: string;
}

/** What an action called from a button (not a form) returns. */
export interface ActionResult {
  ok: boolean;
  error?: string;
  /** Said to screen readers and shown briefly, e.g. "Moved to position 3 of 10". */
  message?: string;
}

export const SIGN_IN_ERROR = "Sign in to organise your photos.";

/** zod issues as errors beside each album field (the first per field). */
export function albumFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Partial<Record<AlbumField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === "title" || field === "description") errors[field] ??= issue.message;
  }
  return errors;
}
