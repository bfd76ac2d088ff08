import "server-only";
import type { ShareLinkSummary, ShareLinkTarget } from "@/lib/share-links";
import { dbFor } from "@/server/db/client";
import { requireShareTargetOwner } from "@/server/policy/share-links";
import type { Viewer } from "@/server/policy/viewer";
import { summarySelect, toSummary } from "./share-link-summary";

/**
 * The links to one of the viewer's photos or albums, newest first: live and expired ones (the panel
 * says which), never revoked ones. Another user's photo or album is not_found.
 */
export async function listShareLinks(
  viewer: NonNullable<Viewer>,
  target: ShareLinkTarget,
): Promise<ShareLinkSummary[]> {
  await requireShareTargetOwner(viewer, target);
  const rows = await dbFor(viewer).shareLink.findMany({
    where: {
      createdById: viewer.id,
      revokedAt: null,
      ...("photoId" in target ? { photoId: target.photoId } : { albumId: target.albumId }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summarySelect,
    take: 200,
  });
  return rows.map(toSummary);
}
