"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { LICENSES } from "@/lib/licenses";
import { getCurrentUser } from "@/server/auth/current-user";
import { setDefaultLicense } from "@/server/data/licenses/set-default-license";

const input = z.object({ license: z.enum(LICENSES, { error: "Choose one of the licenses" }) });

/** The settings page's default license for new uploads. */
export async function setDefaultLicenseAction(
  _prev: FormState<"license">,
  formData: FormData,
): Promise<FormState<"license">> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const parsed = input.safeParse({ license: formData.get("license") });
  if (!parsed.success) return { fieldErrors: { license: "Choose one of the licenses" } };
  await setDefaultLicense(user, parsed.data.license);
  revalidatePath("/settings");
  return { ok: true, values: { license: parsed.data.license } };
}
