"use server";
import { revalidatePath } from "next/cache";
import type { WatermarkState } from "@/lib/form-state";
import { watermarkSchema } from "@/lib/schemas/watermark";
import { getCurrentUser } from "@/server/auth/current-user";
import { setWatermark } from "@/server/data/watermarks/set-watermark";

/** Saves the settings page's watermark; the photos are redrawn in the background. */
export async function updateWatermarkAction(
  _prev: WatermarkState,
  formData: FormData,
): Promise<WatermarkState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const values = {
    text: String(formData.get("watermarkText") ?? ""),
    corner: String(formData.get("watermarkCorner") ?? ""),
    opacity: String(formData.get("watermarkOpacity") ?? ""),
  };
  const parsed = watermarkSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: WatermarkState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "text" || field === "corner" || field === "opacity") fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, values };
  }
  const queued = await setWatermark(user, parsed.data);
  revalidatePath("/settings");
  return { ok: true, queued, values };
}
