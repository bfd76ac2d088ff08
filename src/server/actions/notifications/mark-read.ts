"use server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { markNotificationsRead } from "@/server/data/notifications/mark-read";
import { SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(200) }),
  z.object({ all: z.literal(true) }),
]);

/** Marks some (or all) of the caller's own notifications read; ids of anyone else's match nothing. */
export async function markNotificationsReadAction(raw: unknown): Promise<SocialResult<{ marked: number }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such notification" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  const marked = await markNotificationsRead(user, "all" in parsed.data ? "all" : { ids: parsed.data.ids });
  return { ok: true, marked };
}
