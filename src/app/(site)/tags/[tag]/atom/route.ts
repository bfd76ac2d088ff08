import { feedResponse } from "@/server/feeds/feed-response";

// A tag's newest public photos as Atom.
export async function GET(_request: Request, { params }: RouteContext<"/tags/[tag]/atom">) {
  const { tag } = await params;
  // Next hands the segment over still percent-encoded; a malformed escape is read as it stands.
  let decoded = tag;
  try {
    decoded = decodeURIComponent(tag);
  } catch {
    // Kept as typed.
  }
  return feedResponse({ kind: "tag", tag: decoded });
}
