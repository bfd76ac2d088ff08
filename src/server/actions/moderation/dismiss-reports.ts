"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { reportTargetSchema } from "@/lib/schemas/report";
import { getCurrentUser } from "@/server/auth/current-user";
import { dismissReports } from "@/server/data/moderation/dismiss-reports";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ target: reportTargetSchema });

/** A moderator closes a photo's or comment's open reports; for anyone else they are not found. */
export async function dismissReportsAction(raw: unknown): Promise<SocialResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such photo or comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    await dismissReports(user, parsed.data.target);
    revalidatePath("/admin/reports");
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}
