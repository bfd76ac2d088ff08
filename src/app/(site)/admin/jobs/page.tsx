import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { retryJobAction } from "@/server/actions/jobs/retry-job";
import { getCurrentUser } from "@/server/auth/current-user";
import { listFailedJobs } from "@/server/jobs/list-failed-jobs";
import { isAdmin } from "@/server/policy/admin";
import { buttonClasses } from "@/components/ui/button-styles";

export const metadata: Metadata = { title: "Failed jobs · Admin", robots: { index: false } };

// Admins only, like the rest of /admin. A form per job: Retry works without JavaScript.
export default async function AdminJobsPage() {
  const user = await getCurrentUser();
  if (!isAdmin(user)) notFound();
  const jobs = await listFailedJobs(user);
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8 sm:px-6" data-testid="failed-jobs">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Failed jobs</h1>
      <p className="text-sm text-muted">
        Background jobs that ran out of attempts, newest first. Retry runs one again now with its attempts
        reset (a photo goes back to processing). Failed jobs are removed after JOBS_FAILED_RETENTION_DAYS. A
        damaged upload is not listed: its photo says why it failed.
      </p>
      {jobs.length === 0 ? (
        <p className="text-sm text-muted">No failed jobs.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-xl border border-border">
          {jobs.map((job) => (
            <li
              key={job.id}
              data-testid="failed-job"
              className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="min-w-0">
                <p className="font-medium text-foreground">
                  {job.kind} #{job.id}
                  {job.photoId ? (
                    <>
                      {" "}
                      ·{" "}
                      <Link href={`/photos/${job.photoId}`} className="underline">
                        photo
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="break-words text-muted">
                  {job.attempts} attempts · {job.lastError ?? "no error recorded"} ·{" "}
                  <time dateTime={job.failedAt.toISOString()}>
                    {job.failedAt.toISOString().slice(0, 16).replace("T", " ")}
                  </time>
                </p>
              </div>
              <form action={retryJobAction}>
                <input type="hidden" name="jobId" value={job.id} />
                <button
                  type="submit"
                  className={buttonClasses("secondary", "sm", "self-start sm:self-auto")}
                  aria-label={`Retry ${job.kind} #${job.id}`}
                >
                  Retry
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
