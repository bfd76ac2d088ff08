import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listHiddenContent } from "@/server/data/moderation/list-hidden-content";
import { listReportQueue } from "@/server/data/moderation/list-report-queue";
import { isAdmin } from "@/server/policy/admin";
import { HiddenList } from "@/components/admin/hidden-list";
import { ReportQueue } from "@/components/admin/report-queue";

export const metadata: Metadata = { title: "Reports · Admin", robots: { index: false } };

export default async function AdminReportsPage() {
  const user = await getCurrentUser();
  if (!isAdmin(user)) notFound();
  const [groups, hidden] = await Promise.all([listReportQueue(user), listHiddenContent(user)]);
  return (
    <div
      className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8 sm:px-6"
      data-testid="report-queue"
    >
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Reports</h1>
      <p className="text-sm text-muted">
        Open reports, grouped by what they are about, the most reported first. Hiding something closes its
        reports and tells its owner; only they will still see it. Dismissing closes the reports and leaves it
        as it is.
      </p>
      <ReportQueue groups={groups} />
      <section aria-labelledby="hidden-heading" className="mt-4 flex flex-col gap-3">
        <h2 id="hidden-heading" className="text-xl font-semibold text-foreground">
          Recently hidden
        </h2>
        <HiddenList items={hidden} />
      </section>
    </div>
  );
}
