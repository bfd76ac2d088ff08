import "server-only";
import { AppError } from "@/server/errors/app-error";

/**
 * The request says it comes from a page of this site: its Origin names the host it was sent to.
 * Browsers send Origin on every POST, so one that is missing, "null" or another site's is not ours.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    // "null" or garbage: not our origin
  }
  return Boolean(originHost && host && originHost === host);
}

/**
 * Cross-site request forgery guard for cookie-authenticated route handlers that change state
 * (Next.js checks server actions' Origin, not route handlers'). Token-authenticated API calls carry
 * no ambient credentials and do not need this.
 */
export function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request.headers)) {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
}

/**
 * A request Next.js may hand to a server action: a fetch with `Next-Action`, or a form post (the
 * no-JavaScript path). Next refuses such a request when its Origin is another site's, but lets one
 * with no Origin at all through; `isActionFromElsewhere` closes that gap.
 */
function mayRunServerAction(headers: Headers): boolean {
  if (headers.has("next-action")) return true;
  const type = headers.get("content-type")?.toLowerCase() ?? "";
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

/** A possible server action request that does not come from this site (no Origin counts as not). */
export function isActionFromElsewhere(headers: Headers): boolean {
  return mayRunServerAction(headers) && !isSameOrigin(headers);
}
