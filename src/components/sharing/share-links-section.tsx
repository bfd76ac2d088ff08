import type { ShareLinkTarget } from "@/lib/share-links";
import { getCurrentUser } from "@/server/auth/current-user";
import { listShareLinks } from "@/server/data/share-links/list-share-links";
import { AppError } from "@/server/errors/app-error";
import { ShareLinksPanel } from "./share-links-panel";

// The share-links panel with its links loaded on the server, for the owner only: one line to mount
// on a photo's or an album's page. Anyone else gets nothing (listShareLinks refuses them).
export async function ShareLinksSection({ target }: { target: ShareLinkTarget }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const links = await listShareLinks(user, target).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  return links ? <ShareLinksPanel target={target} initialLinks={links} /> : null;
}
