import { licensesFor } from "@/lib/licenses";
import { searchDateRange } from "@/lib/search-request";
import { apiJson, apiRoute } from "@/server/api/api-route";
import { searchPhotos as searchOperation } from "@/server/api/operations";
import { photoPage } from "@/server/api/schemas";
import { toApiPhotoPage } from "@/server/api/to-api-shapes";
import { decodeSearchCursor } from "@/server/data/photo-cursor";
import { searchPhotos } from "@/server/data/search-photos";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(searchOperation, async ({ caller, query }) => {
  if (query.cursor && !decodeSearchCursor(query.cursor)) {
    throw new AppError("bad_request", "That page cursor is not valid");
  }
  const page = await searchPhotos(caller.viewer, {
    q: query.q,
    scope: query.who ?? "everyone",
    ...searchDateRange({ from: query.from ?? null, to: query.to ?? null }),
    licenses: licensesFor(query.license ?? "any"),
    before: query.cursor,
    limit: query.limit,
  });
  return apiJson(photoPage, toApiPhotoPage(page));
});
