"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/current-user";
import { announceSessionsEnded, revokeAllAccess } from "@/server/auth/sessions";
import { db } from "@/server/db/client";

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  // Nobody signed in, or a request from another site (whose cookie must not be cleared for it).
  if (!user) redirect("/sign-in");
  // Every session, this one included, and every API token: a stolen cookie's tokens die with it.
  await db().$transaction((tx) => revokeAllAccess(tx, user.id));
  await announceSessionsEnded(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
