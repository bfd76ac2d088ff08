import "server-only";
import type { AccessTarget } from "@/lib/access";
import { requireAlbumOwner } from "./albums";
import { requirePhotoOwner } from "./photos";
import type { Viewer } from "./viewer";

/** Only the owner changes who sees a photo or an album; anyone else is told it does not exist. */
export async function requireTargetOwner(viewer: Viewer, target: AccessTarget): Promise<void> {
  if (target.kind === "photo") await requirePhotoOwner(viewer, target.id);
  else await requireAlbumOwner(viewer, target.id);
}
