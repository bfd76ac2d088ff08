"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeApiToken } from "@/server/data/api-tokens/revoke-api-token";
import { AppError } from "@/server/errors/app-error";

const input = z.object({ tokenId: z.uuid() });

/** Revokes one of the caller's tokens: the next API request with it gets 401. */
export async function revokeApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const parsed = input.safeParse({ tokenId: formData.get("tokenId") });
  if (!parsed.success) return { error: "No such token" };
  try {
    // Scoped to the caller's own tokens: someone else's id is not found.
    await revokeApiToken(user, parsed.data.tokenId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { error: error.message };
    throw error;
  }
  revalidatePath("/settings");
  return { ok: true };
}
