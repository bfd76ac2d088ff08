"use server";
import { revalidatePath } from "next/cache";
import type { FormState, PhotoDetailsField } from "@/lib/form-state";
import { photoDetailsSchema } from "@/lib/schemas/photo";
import { getCurrentUser } from "@/server/auth/current-user";
import { updatePhotoDetails } from "@/server/data/update-photo-details";
import { AppError } from "@/server/errors/app-error";

export async function updatePhotoDetailsAction(
  _prev: FormState<PhotoDetailsField>,
  formData: FormData,
): Promise<FormState<PhotoDetailsField>> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const raw = Object.fromEntries(
    ["photoId", "title", "description", "tags", "albumId"].map((k) => [k, String(formData.get(k) ?? "")]),
  );
  // A hidden "off" precedes the checkbox, which adds "on" when ticked: the last value is the answer.
  const allowOriginal = formData.getAll("allowOriginal").map(String).at(-1);
  const license = formData.get("license");
  const values = {
    title: raw.title,
    description: raw.description,
    tags: raw.tags,
    albumId: raw.albumId,
    ...(allowOriginal !== undefined && { allowOriginal }),
    ...(license !== null && { license: String(license) }),
  };
  const parsed = photoDetailsSchema.safeParse({
    ...raw,
    allowOriginal,
    license: license === null ? undefined : String(license),
  });
  if (!parsed.success) {
    const fieldErrors: FormState<PhotoDetailsField>["fieldErrors"] = {};
    let error: string | undefined;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "photoId") error = issue.message;
      else fieldErrors[field as PhotoDetailsField] ??= issue.message;
    }
    return { error, fieldErrors, values };
  }
  try {
    await updatePhotoDetails(user, parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return error.field === "albumId"
        ? { fieldErrors: { albumId: error.message }, values }
        : { error: error.message, values };
    }
    throw error;
  }
  revalidatePath("/upload");
  revalidatePath(`/photos/${parsed.data.photoId}`);
  return { ok: true, values };
}
