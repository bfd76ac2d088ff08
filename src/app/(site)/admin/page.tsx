import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { countOpenReports } from "@/server/data/moderation/count-open-reports";
import { countFailedJobs } from "@/server/jobs/list-failed-jobs";
import { readKeyMetrics } from "@/server/metrics/read-key-metrics";
import { isAdmin } from "@/server/policy/admin";
import { KeyMetrics } from "@/components/admin/key-metrics";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

// Admins only; everyone else (signed in or not) gets the ordinary 404: the page is not confirmed.
export default async function AdminPage() {
  const user = await getCurrentUser();
  if (!isAdmin(user)) notFound();
  const [open, failedJobs] = await Promise.all([countOpenReports(user), countFailedJobs(user)]);
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8 sm:px-6" data-testid="admin-page">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Admin</h1>

      <div data-testid="key-metrics">
        <KeyMetrics metrics={await readKeyMetrics()} />
      </div>

      <section aria-labelledby="moderation-heading" className="flex flex-col gap-2">
        <h2 id="moderation-heading" className="text-lg font-semibold text-foreground">
          Moderation
        </h2>
        <p className="text-sm text-muted" data-testid="open-report-count">
          {open === 0 ? "No open reports." : `${open} open ${open === 1 ? "report" : "reports"}.`}
        </p>
        <Link href="/admin/reports" className="self-start text-sm font-medium text-accent underline">
          Open the report queue
        </Link>
      </section>

      <section aria-labelledby="jobs-heading" className="flex flex-col gap-2">
        <h2 id="jobs-heading" className="text-lg font-semibold text-foreground">
          Background jobs
        </h2>
        <p className="text-sm text-muted" data-testid="failed-job-count">
          {failedJobs === 0
            ? "No failed jobs."
            : `${failedJobs} failed ${failedJobs === 1 ? "job" : "jobs"}.`}
        </p>
        <Link href="/admin/jobs" className="self-start text-sm font-medium text-accent underline">
          See failed jobs
        </Link>
      </section>
    </div>
  );
}
