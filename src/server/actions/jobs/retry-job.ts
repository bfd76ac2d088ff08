"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";
import { retryFailedJob } from "@/server/jobs/retry-failed-job";

/**
 * The admin jobs page's Retry button (a plain form, like revoking a session). Anyone but an admin, or
 * a job that is not failed, matches nothing and nothing is said: the page lists what is left.
 */
export async function retryJobAction(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/admin/jobs");
  try {
    await retryFailedJob(user, String(form.get("jobId") ?? ""));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
  }
  revalidatePath("/admin/jobs");
}
