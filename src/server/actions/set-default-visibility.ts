"use server";
import { revalidatePath } from "next/cache";
import { visibilitySchema, type Visibility } from "@/lib/access";
import { getCurrentUser } from "@/server/auth/current-user";
import { setDefaultVisibility } from "@/server/data/settings/default-visibility";
import { SIGN_IN_FIRST, type SocialResult } from "./social-result";

export type DefaultVisibilityState = SocialResult<{ visibility: Visibility }> | null;

/** Settings: who sees the caller's new uploads unless they choose otherwise at upload. */
export async function setDefaultVisibilityAction(
  _prev: DefaultVisibilityState,
  formData: FormData,
): Promise<DefaultVisibilityState> {
  const parsed = visibilitySchema.safeParse(formData.get("visibility"));
  if (!parsed.success) return { ok: false, error: "Choose Public, Shared with people or Private" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  await setDefaultVisibility(user, parsed.data);
  revalidatePath("/upload");
  return { ok: true, visibility: parsed.data };
}
