import { apiJson, apiRoute } from "@/server/api/api-route";
import { deletePhoto, getPhoto as getPhotoOperation, updatePhoto } from "@/server/api/operations";
import { photoEnvelope } from "@/server/api/schemas";
import { toApiPhoto } from "@/server/api/to-api-shapes";
import { updateApiPhoto } from "@/server/api/update-api-photo";
import { trashPhotos } from "@/server/data/trash/trash-photos";
import { getPhoto } from "@/server/data/get-photo";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getPhotoOperation, async ({ caller, params }) => {
  const photo = await getPhoto(caller.viewer, params.id);
  if (!photo) throw new AppError("not_found", "No such photo");
  return apiJson(photoEnvelope, { photo: toApiPhoto(photo) });
});

export const PATCH = apiRoute(updatePhoto, async ({ caller, params, body }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a token with the write scope");
  await updateApiPhoto(caller.viewer, params.id, body);
  const photo = await getPhoto(caller.viewer, params.id);
  if (!photo) throw new AppError("not_found", "No such photo");
  return apiJson(photoEnvelope, { photo: toApiPhoto(photo) });
});

export const DELETE = apiRoute(deletePhoto, async ({ caller, params }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a token with the write scope");
  // Owner-scoped inside trashPhotos: someone else's id matches nothing and reads as not found.
  if ((await trashPhotos(caller.viewer, [params.id])) === 0) throw new AppError("not_found", "No such photo");
  return new Response(null, { status: 204 });
});
