import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { listFavoritesPage } from "@/server/data/favorites/list-favorites-page";
import { listFeed } from "@/server/data/list-feed";
import { listPhotos, resolvePhotoScope } from "@/server/data/list-photos";
import { decodePositionCursor, decodeScoreCursor, decodeTimeCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import { isUuid } from "@/server/policy/photos";

// One page of a grid, for infinite scroll: GET /api/photos?scope=explore|stream|album|tag|feed|favorites
// &owner=<handle>|album=<id>|tag=<tag>&before=<cursor>&limit=<n>[&as=visitor]; explore takes
// order=recent|interesting. The feed and favorites are the caller's own (signed in only). Read-only: no CSRF
// check needed.
// `as=visitor` answers as for an anonymous visitor (the owner's preview): it only ever narrows.
export const dynamic = "force-dynamic";

const paging = {
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  as: z.literal("visitor").optional(),
};
const querySchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("explore"), order: z.enum(["recent", "interesting"]).optional(), ...paging }),
  z.object({ scope: z.literal("stream"), owner: z.string().min(1).max(64), ...paging }),
  z.object({ scope: z.literal("album"), album: z.string().refine(isUuid), ...paging }),
  z.object({ scope: z.literal("feed"), ...paging }),
  z.object({ scope: z.literal("favorites"), ...paging }),
  z.object({ scope: z.literal("tag"), tag: z.string().min(1).max(200), ...paging }),
]);

const PRIVATE = { "Cache-Control": "private, no-store" };
// Explore is the same for everyone; a shared cache may keep it briefly, browsers always revalidate.
const PUBLIC = { "Cache-Control": "public, max-age=0, s-maxage=15" };

export async function GET(request: Request) {
  try {
    const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      throw new AppError(
        "bad_request",
        "Give scope=explore (order=recent|interesting), scope=stream&owner=<handle>, scope=album&album=<id>, scope=tag&tag=<tag>, scope=feed or scope=favorites",
      );
    }
    const query = parsed.data;
    const cursor = query.before;
    const decodeCursor =
      query.scope === "album"
        ? decodePositionCursor
        : query.scope === "explore" && query.order === "interesting"
          ? decodeScoreCursor
          : decodeTimeCursor;
    if (cursor && !decodeCursor(cursor)) {
      throw new AppError("bad_request", "That page cursor is not valid");
    }
    const viewer = query.as === "visitor" ? null : await getCurrentUser();
    if (query.scope === "feed") {
      if (!viewer) throw new AppError("unauthorized", "Sign in to see your feed");
      return NextResponse.json(await listFeed(viewer, { cursor, limit: query.limit }), { headers: PRIVATE });
    }
    if (query.scope === "favorites") {
      if (!viewer) throw new AppError("unauthorized", "Sign in to see your favorites");
      const page = await listFavoritesPage(viewer, { cursor, limit: query.limit });
      return NextResponse.json(page, { headers: PRIVATE });
    }
    const scope = await resolvePhotoScope(viewer, query);
    const page = await listPhotos(viewer, scope, { cursor, limit: query.limit });
    return NextResponse.json(page, { headers: query.scope === "explore" && !viewer ? PUBLIC : PRIVATE });
  } catch (error) {
    return errorResponse(error, PRIVATE);
  }
}
