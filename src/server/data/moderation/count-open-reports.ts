import "server-only";
import { db } from "@/server/db/client";
import { requireAdmin } from "@/server/policy/admin";
import { openReportsWhere } from "./open-reports-where";
import type { Viewer } from "@/server/policy/viewer";

/** How many open reports wait, for the admin home. Admins only. */
export async function countOpenReports(viewer: Viewer): Promise<number> {
  requireAdmin(viewer);
  return db().$primary().report.count({ where: openReportsWhere });
}
