import { apiJson, apiRoute } from "@/server/api/api-route";
import { listAlbumPhotos } from "@/server/api/operations";
import { photoPage } from "@/server/api/schemas";
import { toApiPhotoPage } from "@/server/api/to-api-shapes";
import { listPhotos, resolvePhotoScope } from "@/server/data/list-photos";
import { decodePositionCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listAlbumPhotos, async ({ caller, params, query }) => {
  if (query.cursor && !decodePositionCursor(query.cursor)) {
    throw new AppError("bad_request", "That page cursor is not valid");
  }
  // An album the caller may not open is not found (requireAlbumAccess inside).
  const scope = await resolvePhotoScope(caller.viewer, { scope: "album", album: params.id });
  const page = await listPhotos(caller.viewer, scope, { cursor: query.cursor, limit: query.limit });
  return apiJson(photoPage, toApiPhotoPage(page));
});
