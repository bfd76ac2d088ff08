import { NextResponse, type NextRequest } from "next/server";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/request-id";
import { API_POLICY, noncePagePolicy } from "@/lib/security-headers";

const DEV = process.env.NODE_ENV === "development";

// Gives every request an id (README: Monitoring): route handlers and pages read it from the
// request's headers for their log lines, and the client gets it back to quote in a report. And a
// CSP nonce for the pages rendered per request (README: Security headers): Next reads it from the
// request's own Content-Security-Policy header and writes it on every script of the page.
// Only that: never a security boundary.
export function proxy(request: NextRequest) {
  const id = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, id);
  const { pathname } = request.nextUrl;
  const policy = pathname.startsWith("/api/")
    ? API_POLICY
    : noncePagePolicy(
        Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64"),
        pathname,
        DEV,
      );
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, id);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Build assets are files on disk with nothing to log. Media and photostreams are the hottest
  // paths (the page cache, public thumbnails): running the proxy costs them a measurable share of
  // their throughput (the `grid` and `media` benchmarks), so their log lines carry no request id,
  // and their CSP is the fixed one next.config.ts sends (a cached page cannot carry a nonce).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|media/|people/).*)"],
};
