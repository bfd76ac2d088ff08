"use server";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeAllSessions } from "@/server/auth/sessions";

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
