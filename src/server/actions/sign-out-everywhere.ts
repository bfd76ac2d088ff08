"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeAllSessions } from "@/server/auth/sessions";

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  // Nobody signed in, or a request from another site (whose cookie must not be cleared for it).
  if (!user) redirect("/sign-in");
  await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
