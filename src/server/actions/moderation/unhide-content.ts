"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { reportTargetSchema } from "@/lib/schemas/report";
import { getCurrentUser } from "@/server/auth/current-user";
import { unhideContent } from "@/server/data/moderation/unhide-content";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ target: reportTargetSchema });

/** A moderator makes a hidden photo or comment visible again; for anyone else it is not found. */
export async function unhideContentAction(raw: unknown): Promise<SocialResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such photo or comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    await unhideContent(user, parsed.data.target);
    revalidatePath("/admin/reports");
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}
