import { apiJson, apiRoute } from "@/server/api/api-route";
import { listFavorites } from "@/server/api/operations";
import { photoPage } from "@/server/api/schemas";
import { toApiPhotoPage } from "@/server/api/to-api-shapes";
import { listFavoritesPage } from "@/server/data/favorites/list-favorites-page";
import { decodeTimeCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listFavorites, async ({ caller, query }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a personal access token");
  if (query.cursor && !decodeTimeCursor(query.cursor)) {
    throw new AppError("bad_request", "That page cursor is not valid");
  }
  const page = await listFavoritesPage(caller.viewer, { cursor: query.cursor, limit: query.limit });
  return apiJson(photoPage, toApiPhotoPage(page));
});
