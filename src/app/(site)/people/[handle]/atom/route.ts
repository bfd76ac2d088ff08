import { feedResponse } from "@/server/feeds/feed-response";

// A person's newest public photos as Atom.
export async function GET(_request: Request, { params }: RouteContext<"/people/[handle]/atom">) {
  return feedResponse({ kind: "person", handle: (await params).handle });
}
