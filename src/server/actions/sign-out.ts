"use server";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeSession } from "@/server/auth/sessions";

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  // Revoke the row too: a copy of this cookie must not outlive the sign-out.
  if (user) await revokeSession(user.id, user.sessionId);
  await signOut({ redirectTo: "/" });
}
