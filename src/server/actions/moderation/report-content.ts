"use server";
import { z } from "zod";
import { reportInputSchema, reportTargetSchema } from "@/lib/schemas/report";
import { getCurrentUser } from "@/server/auth/current-user";
import { reportContent } from "@/server/data/moderation/report-content";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const target = z.object({ target: reportTargetSchema });

/** Anyone signed in reports a photo or comment they can see; who may is decided in reportContent. */
export async function reportContentAction(raw: unknown): Promise<SocialResult<{ message: string }>> {
  const named = target.safeParse(raw);
  if (!named.success) return { ok: false, error: "No such photo or comment" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  const parsed = reportInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid report" };
  try {
    const { alreadyReported } = await reportContent(user, parsed.data);
    const what = parsed.data.target.kind;
    return {
      ok: true,
      message: alreadyReported
        ? `You have already reported this ${what}; a moderator will look at it soon.`
        : `Thanks: your report was sent. A moderator will look at this ${what}.`,
    };
  } catch (error) {
    return refused(error);
  }
}
