import { feedResponse } from "@/server/feeds/feed-response";

// A public album's photos as Atom; any other album is a 404.
export async function GET(_request: Request, { params }: RouteContext<"/albums/[id]/atom">) {
  return feedResponse({ kind: "album", albumId: (await params).id });
}
