"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeSession } from "@/server/auth/sessions";

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  // Nobody signed in, or a request from another site (whose cookie must not be cleared for it).
  if (!user) redirect("/");
  // Revoke the row too: a copy of this cookie must not outlive the sign-out.
  await revokeSession(user.id, user.sessionId);
  await signOut({ redirectTo: "/" });
}
