import { apiJson, apiRoute } from "@/server/api/api-route";
import { getAlbum as getAlbumOperation } from "@/server/api/operations";
import { albumEnvelope } from "@/server/api/schemas";
import { toApiAlbum } from "@/server/api/to-api-shapes";
import { getAlbum } from "@/server/data/albums/get-album";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getAlbumOperation, async ({ caller, params }) => {
  const album = await getAlbum(caller.viewer, params.id);
  if (!album) throw new AppError("not_found", "No such album");
  return apiJson(albumEnvelope, { album: toApiAlbum(album) });
});
