import "server-only";
import type { Prisma } from "@/generated/prisma/client";

// The reports waiting for a decision: open, and about something that still exists. A photo its owner
// deleted has nothing left to judge (its reports go with the row when it is purged).
export const openReportsWhere: Prisma.ReportWhereInput = {
  status: "OPEN",
  OR: [{ photoId: null }, { photo: { is: { deletedAt: null } } }],
};
