import { after } from "next/server";
import { apiJson, apiRoute } from "@/server/api/api-route";
import { listPhotos as listPhotosOperation, uploadPhoto } from "@/server/api/operations";
import { photoPage, uploadResult } from "@/server/api/schemas";
import { toApiPhotoPage, toApiUpload } from "@/server/api/to-api-shapes";
import { listPhotos, resolvePhotoScope } from "@/server/data/list-photos";
import { decodeTimeCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";
import { kickJobs } from "@/server/jobs/runner";
import { createPhotoUpload } from "@/server/uploads/create-photo-upload";

// The body of an upload is streamed to storage as it arrives; nothing here is cached.
export const dynamic = "force-dynamic";

export const GET = apiRoute(listPhotosOperation, async ({ caller, query }) => {
  if (query.owner && query.tag) throw new AppError("bad_request", "Give owner or tag, not both");
  if (query.cursor && !decodeTimeCursor(query.cursor)) {
    throw new AppError("bad_request", "That page cursor is not valid");
  }
  const scope = await resolvePhotoScope(
    caller.viewer,
    query.owner
      ? { scope: "stream", owner: query.owner }
      : query.tag
        ? { scope: "tag", tag: query.tag }
        : { scope: "explore", order: "recent" },
  );
  const page = await listPhotos(caller.viewer, scope, { cursor: query.cursor, limit: query.limit });
  return apiJson(photoPage, toApiPhotoPage(page));
});

// A token, not a cookie, says who uploads: no CSRF check is needed (or possible) here.
export const POST = apiRoute(uploadPhoto, async ({ caller, request }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a token with the write scope");
  const result = await createPhotoUpload(caller.viewer, request);
  if (!result.duplicate) after(() => kickJobs());
  return apiJson(uploadResult, toApiUpload(result.photo, result.duplicate), result.duplicate ? 200 : 201);
});
