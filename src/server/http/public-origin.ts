import "server-only";
import { env } from "@/env";

/**
 * The site's absolute origin for links that leave the page (feeds, oEmbed, link previews): the
 * configured public URL, else the one this request came in on.
 */
export function publicOrigin(headers: Headers): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
