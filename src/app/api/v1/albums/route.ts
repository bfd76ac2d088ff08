import { apiJson, apiRoute } from "@/server/api/api-route";
import { listAlbums as listAlbumsOperation } from "@/server/api/operations";
import { albumPage } from "@/server/api/schemas";
import { listAlbums } from "@/server/data/albums/list-albums";
import { decodeTimeCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listAlbumsOperation, async ({ caller, query }) => {
  const handle = query.owner ?? (caller.kind === "token" ? caller.user.handle : null);
  if (!handle) throw new AppError("unauthorized", "Give owner=<handle>, or send a token to list your own");
  if (query.cursor && !decodeTimeCursor(query.cursor)) {
    throw new AppError("bad_request", "That page cursor is not valid");
  }
  const page = await listAlbums(caller.viewer, handle, { cursor: query.cursor, limit: query.limit });
  return apiJson(albumPage, {
    albums: page.albums.map((a) => ({
      id: a.id,
      title: a.title,
      visibility: a.visibility,
      is_default: a.isDefault,
      owner: { handle: a.owner.handle, display_name: a.owner.displayName },
      photo_count: a.photoCount,
    })),
    next_cursor: page.nextCursor,
  });
});
