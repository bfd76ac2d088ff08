import type { PhotoPage } from "@/lib/photo-card";
import { searchParamsOf, type SearchRequest } from "@/lib/search-request";

/**
 * Which photos a grid shows, as GET /api/photos (or /api/search) names them (`feed`: the signed-in
 * person's home feed, `favorites`: theirs). `asVisitor` asks for the pages an anonymous visitor would get (the owner's
 * preview); it can only ever narrow what comes back.
 */
export type PhotoSource = (
  | { scope: "explore"; order?: "recent" | "interesting" }
  | { scope: "stream"; owner: string }
  | { scope: "album"; album: string }
  | { scope: "feed" }
  | { scope: "favorites" }
  | { scope: "tag"; tag: string }
  | ({ scope: "search" } & SearchRequest)
) & { asVisitor?: boolean };

/** The URL of one page of `source`: the first without a cursor, the next with the last one's. */
export function photoPageUrl(source: PhotoSource, cursor: string | null, limit?: number): string {
  if (source.scope === "search") {
    const params = searchParamsOf(source);
    if (cursor) params.set("before", cursor);
    if (limit) params.set("limit", String(limit));
    return `/api/search?${params}`;
  }
  const params = new URLSearchParams({ scope: source.scope });
  if (source.scope === "stream") params.set("owner", source.owner);
  if (source.scope === "album") params.set("album", source.album);
  if (source.scope === "tag") params.set("tag", source.tag);
  if (source.scope === "explore" && source.order === "interesting") params.set("order", "interesting");
  if (cursor) params.set("before", cursor);
  if (limit) params.set("limit", String(limit));
  if (source.asVisitor) params.set("as", "visitor");
  return `/api/photos?${params}`;
}

export async function fetchPhotoPage(
  source: PhotoSource,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<PhotoPage> {
  const response = await fetch(photoPageUrl(source, cursor), {
    signal,
    headers: { accept: "application/json" },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body === "object" && "error" in body
        ? (body as { error?: { message?: unknown } }).error?.message
        : undefined;
    throw new Error(typeof message === "string" ? message : `Loading photos failed (${response.status})`);
  }
  return body as PhotoPage;
}
