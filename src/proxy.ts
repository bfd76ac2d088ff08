import { NextResponse, type NextRequest } from "next/server";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/request-id";

// Gives every request an id (README: Monitoring): route handlers and pages read it from the
// request's headers for their log lines, and the client gets it back to quote in a report.
// Only that: never a security boundary.
export function proxy(request: NextRequest) {
  const id = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, id);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, id);
  return response;
}

export const config = {
  // Build assets are files on disk with nothing to log. Media and photostreams are the hottest
  // paths (the page cache, public thumbnails): running the proxy costs them a measurable share of
  // their throughput (the `grid` and `media` benchmarks), so their log lines carry no request id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|media/|people/).*)"],
};
