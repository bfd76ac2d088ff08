import { errorResponse } from "@/server/http/error-response";
import { serveMedia } from "@/server/media/serve-media";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ photoId: string; version: string; file: string }> },
) {
  try {
    return await serveMedia(request, await context.params);
  } catch (error) {
    // The store or the database not answering is a 503 to retry, not a bare 500.
    return errorResponse(error);
  }
}
