import "server-only";
import type { ReportTarget } from "@/lib/schemas/report";
import { db } from "@/server/db/client";
import { requireAdmin } from "@/server/policy/admin";
import type { Viewer } from "@/server/policy/viewer";

/** Something a moderator hid, as the admin's "recently hidden" list shows it (no image: it is hidden). */
export interface HiddenItem {
  target: ReportTarget;
  /** The photo's title, or the comment's text. */
  label: string;
  reason: string;
  hiddenAt: string;
  owner: { handle: string; displayName: string };
}

/** The most recently hidden photos and comments, newest first, for undoing a decision. Admins only. */
export async function listHiddenContent(viewer: Viewer, limit = 50): Promise<HiddenItem[]> {
  requireAdmin(viewer);
  const owner = { select: { handle: true, displayName: true } };
  const [photos, comments] = await Promise.all([
    db()
      .$primary()
      .photo.findMany({
        where: { hiddenAt: { not: null }, deletedAt: null },
        orderBy: [{ hiddenAt: "desc" }, { id: "desc" }],
        take: limit,
        select: { id: true, title: true, hiddenAt: true, hiddenReason: true, owner },
      }),
    db().comment.findMany({
      where: { hiddenAt: { not: null } },
      orderBy: [{ hiddenAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, body: true, hiddenAt: true, hiddenReason: true, author: owner },
    }),
  ]);
  const items: HiddenItem[] = [
    ...photos.map((p) => ({
      target: { kind: "photo" as const, id: p.id },
      label: p.title.trim() || "Untitled photo",
      reason: p.hiddenReason ?? "",
      hiddenAt: p.hiddenAt!.toISOString(),
      owner: p.owner,
    })),
    ...comments.map((c) => ({
      target: { kind: "comment" as const, id: c.id },
      label: c.body.length > 120 ? `${c.body.slice(0, 120)}…` : c.body,
      reason: c.hiddenReason ?? "",
      hiddenAt: c.hiddenAt!.toISOString(),
      owner: c.author,
    })),
  ];
  return items.sort((a, b) => b.hiddenAt.localeCompare(a.hiddenAt)).slice(0, limit);
}
