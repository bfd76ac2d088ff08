"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { hideReasonSchema, reportTargetSchema } from "@/lib/schemas/report";
import { getCurrentUser } from "@/server/auth/current-user";
import { hideContent } from "@/server/data/moderation/hide-content";
import { requireAdmin } from "@/server/policy/admin";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ target: reportTargetSchema, reason: z.string() });

/** A moderator hides a reported photo or comment; for anyone else it is not found. */
export async function hideContentAction(raw: unknown): Promise<SocialResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such photo or comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    // Admins first: anyone else learns nothing, not even that the reason was too long.
    requireAdmin(user);
    const reason = hideReasonSchema.safeParse(parsed.data.reason);
    if (!reason.success) return { ok: false, error: reason.error.issues[0]?.message ?? "Invalid reason" };
    await hideContent(user, parsed.data.target, reason.data);
    revalidatePath("/admin/reports");
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}
