import { getCurrentUser } from "@/server/auth/current-user";
import { errorResponse } from "@/server/http/error-response";
import { albumZipResponse } from "@/server/media/album-zip";

export const dynamic = "force-dynamic";

// "Download album": the album as a ZIP of what this viewer may download, streamed as it is made.
export async function GET(request: Request, { params }: RouteContext<"/albums/[id]/download">) {
  try {
    const { id } = await params;
    return await albumZipResponse(await getCurrentUser(), id, request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}
