import "server-only";
import { headers } from "next/headers";
import { errorResponse } from "@/server/http/error-response";
import { publicOrigin } from "@/server/http/public-origin";
import { AppError } from "@/server/errors/app-error";
import { renderAtom } from "./atom";
import { getPhotoFeed, type FeedSource } from "./get-photo-feed";

// Public by construction (read as nobody), but a photo made private must drop out at once: shared
// caches may keep the feed only if they ask again each time.
const CACHE = "public, max-age=0, must-revalidate";

/** The route handlers' one body: the feed as application/atom+xml, or a 404 for no such feed. */
export async function feedResponse(source: FeedSource): Promise<Response> {
  try {
    const feed = await getPhotoFeed(source, publicOrigin(await headers()));
    if (!feed) throw new AppError("not_found", "No such feed");
    return new Response(renderAtom(feed), {
      headers: {
        "Content-Type": "application/atom+xml; charset=utf-8",
        "Cache-Control": CACHE,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
