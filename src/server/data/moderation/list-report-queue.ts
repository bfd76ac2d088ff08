import "server-only";
import { variantUrl } from "@/lib/media-url";
import { REPORT_REASONS, type ReportReason, type ReportTarget } from "@/lib/schemas/report";
import { db } from "@/server/db/client";
import { requireAdmin } from "@/server/policy/admin";
import { openReportsWhere } from "./open-reports-where";
import type { Viewer } from "@/server/policy/viewer";

const PREVIEW_WIDTH = 480;

/** One reported photo or comment with its open reports, as the moderation queue shows it. */
export interface ReportGroup {
  target: ReportTarget;
  /** Open reports on it. */
  count: number;
  /** How many reports gave each reason, most first. */
  reasons: { reason: ReportReason; count: number }[];
  reporters: { handle: string; displayName: string; details: string; reportedAt: string }[];
  firstReportedAt: string;
  owner: { handle: string; displayName: string };
  /** What the moderator judges: the photo (its smallest variant) or the comment's text. */
  preview:
    | {
        kind: "photo";
        photoId: string;
        title: string;
        description: string;
        /** A display size (the media route lets an admin load it while a report is open). */
        imageUrl: string | null;
      }
    | { kind: "comment"; photoId: string; photoTitle: string; body: string };
  /** Already hidden by an earlier decision (a report arriving since is still open). */
  hidden: boolean;
}

/**
 * The open reports, grouped by what they are about: the most reported first, then the oldest. Admins
 * only. The queue is the one place an admin sees content that is not otherwise visible to them: the
 * reported item alone, while a report on it is open (the media route lets them load its preview under
 * the same rule, src/server/policy/admin.ts).
 */
export async function listReportQueue(viewer: Viewer, limit = 500): Promise<ReportGroup[]> {
  requireAdmin(viewer);
  const rows = await db()
    .$primary()
    .report.findMany({
      where: openReportsWhere,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        reason: true,
        details: true,
        createdAt: true,
        reporter: { select: { handle: true, displayName: true } },
        photo: {
          select: {
            id: true,
            title: true,
            description: true,
            mediaSecret: true,
            hiddenAt: true,
            owner: { select: { handle: true, displayName: true } },
            variants: { select: { id: true }, take: 1 },
          },
        },
        comment: {
          select: {
            id: true,
            body: true,
            hiddenAt: true,
            author: { select: { handle: true, displayName: true } },
            photo: { select: { id: true, title: true } },
          },
        },
      },
    });

  const groups = new Map<string, ReportGroup & { tally: Map<ReportReason, number> }>();
  for (const r of rows) {
    const reason = (REPORT_REASONS as readonly string[]).includes(r.reason)
      ? (r.reason as ReportReason)
      : "other";
    const key = r.photo ? `photo:${r.photo.id}` : r.comment ? `comment:${r.comment.id}` : null;
    if (!key) continue;
    let group = groups.get(key);
    if (!group) {
      group = r.photo
        ? {
            target: { kind: "photo", id: r.photo.id },
            owner: r.photo.owner,
            preview: {
              kind: "photo",
              photoId: r.photo.id,
              title: r.photo.title,
              description: r.photo.description,
              imageUrl: r.photo.variants.length
                ? variantUrl(r.photo.id, r.photo.mediaSecret, PREVIEW_WIDTH)
                : null,
            },
            hidden: r.photo.hiddenAt !== null,
            ...emptyGroup(r.createdAt),
          }
        : {
            target: { kind: "comment", id: r.comment!.id },
            owner: r.comment!.author,
            preview: {
              kind: "comment",
              photoId: r.comment!.photo.id,
              photoTitle: r.comment!.photo.title,
              body: r.comment!.body,
            },
            hidden: r.comment!.hiddenAt !== null,
            ...emptyGroup(r.createdAt),
          };
      groups.set(key, group);
    }
    group.count++;
    group.tally.set(reason, (group.tally.get(reason) ?? 0) + 1);
    group.reporters.push({ ...r.reporter, details: r.details, reportedAt: r.createdAt.toISOString() });
  }
  return [...groups.values()]
    .map(({ tally, ...group }) => ({
      ...group,
      reasons: [...tally].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    }))
    .sort((a, b) => b.count - a.count || a.firstReportedAt.localeCompare(b.firstReportedAt));
}

function emptyGroup(at: Date) {
  return {
    count: 0,
    reasons: [],
    reporters: [],
    firstReportedAt: at.toISOString(),
    tally: new Map<ReportReason, number>(),
  };
}
