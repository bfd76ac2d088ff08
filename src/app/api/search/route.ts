import { NextResponse } from "next/server";
import { z } from "zod";
import { parseSearchRequest, searchDateRange, searchLicenses } from "@/lib/search-request";
import { getCurrentUser } from "@/server/auth/current-user";
import { decodeSearchCursor } from "@/server/data/photo-cursor";
import { searchPhotos } from "@/server/data/search-photos";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";

// Later pages of a search, for infinite scroll: GET /api/search?q=&who=everyone|mine|following
// &from=YYYY-MM-DD&to=YYYY-MM-DD&license=any|reuse|commercial|<license>&before=<cursor>&limit=<n>. Read-only: no CSRF check needed.
// Any `q` is a search (results or none); only a bad cursor or limit is refused.
export const dynamic = "force-dynamic";

const pagingSchema = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

// What a viewer may see differs per viewer: never in a shared cache.
const PRIVATE = { "Cache-Control": "private, no-store" };

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const paging = pagingSchema.safeParse({
      before: params.get("before") ?? undefined,
      limit: params.get("limit") ?? undefined,
    });
    if (!paging.success) throw new AppError("bad_request", "Give a limit from 1 to 100");
    const { before, limit } = paging.data;
    if (before && !decodeSearchCursor(before))
      throw new AppError("bad_request", "That page cursor is not valid");
    const search = parseSearchRequest(params);
    const page = await searchPhotos(await getCurrentUser(), {
      q: search.q,
      scope: search.who,
      ...searchDateRange(search),
      licenses: searchLicenses(search),
      before,
      limit,
    });
    return NextResponse.json(page, { headers: PRIVATE });
  } catch (error) {
    return errorResponse(error, PRIVATE);
  }
}
