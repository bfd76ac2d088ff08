import { serveMedia } from "@/server/media/serve-media";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ photoId: string; version: string; file: string }> },
) {
  return serveMedia(request, await context.params);
}
