"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";
import { retryFailedJob } from "@/server/jobs/retry-failed-job";

const input = z.object({ jobId: z.string().regex(/^\d{1,18}$/) });

/** The admin jobs page's Retry button; anyone else, or a job that is not failed, gets not found. */
export async function retryJobAction(form: FormData): Promise<void> {
  const parsed = input.safeParse({ jobId: form.get("jobId") });
  if (!parsed.success) throw new AppError("not_found", "No such failed job");
  await retryFailedJob(await getCurrentUser(), parsed.data.jobId);
  revalidatePath("/admin/jobs");
}
