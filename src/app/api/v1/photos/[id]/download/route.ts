import { apiRoute } from "@/server/api/api-route";
import { downloadPhoto } from "@/server/api/operations";
import { chargeOriginalsQuota, checkOriginalsQuota } from "@/server/api/rate-limit-api";
import { AppError } from "@/server/errors/app-error";
import { servePhotoFileAs } from "@/server/media/serve-media";

export const dynamic = "force-dynamic";

// The media route's own checks and bytes (servePhotoFileAs), for the token's owner or nobody.
export const GET = apiRoute(downloadPhoto, async ({ caller, params, query, request }) => {
  const original = query.size === "original";
  if (original) await checkOriginalsQuota(caller);
  const file = original ? "original" : `${query.size}.webp`;
  const response = await servePhotoFileAs(request, caller.viewer, { photoId: params.id, file });
  if (response.status === 404) {
    await response.body?.cancel();
    throw new AppError(
      "not_found",
      original ? "No such photo, or no original you may download" : "No such photo",
    );
  }
  if (original && response.status === 200) {
    const quota = await chargeOriginalsQuota(caller, Number(response.headers.get("content-length") ?? 0));
    for (const [name, value] of Object.entries(quota)) response.headers.set(name, value);
  }
  return response;
});
