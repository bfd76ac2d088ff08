import { apiJson, apiRoute } from "@/server/api/api-route";
import { addFavorite, removeFavorite } from "@/server/api/operations";
import { favoriteState } from "@/server/api/schemas";
import { setFavorite } from "@/server/data/favorites/set-favorite";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

// requirePhotoAccess inside setFavorite: a photo the caller may not see is not found.
export const PUT = apiRoute(addFavorite, async ({ caller, params }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a token with the write scope");
  return apiJson(favoriteState, await setFavorite(caller.viewer, params.photo_id, true));
});

export const DELETE = apiRoute(removeFavorite, async ({ caller, params }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a token with the write scope");
  return apiJson(favoriteState, await setFavorite(caller.viewer, params.photo_id, false));
});
