"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeSession } from "@/server/auth/sessions";

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/settings");
  const sessionId = String(formData.get("sessionId") ?? "");
  // Scoped to the caller's own sessions: another user's id simply matches nothing.
  if (/^[0-9a-f-]{36}$/i.test(sessionId)) await revokeSession(user.id, sessionId);
  revalidatePath("/settings");
}
