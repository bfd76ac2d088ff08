import "server-only";
import { AppError } from "@/server/errors/app-error";

/**
 * Cross-site request forgery guard for cookie-authenticated route handlers that change state
 * (Next.js checks server actions' Origin, not route handlers'). Browsers send Origin on every POST,
 * so one that is missing, "null" or another site's is refused. Token-authenticated API calls carry
 * no ambient credentials and do not need this.
 */
export function requireSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    // "null" or garbage: not our origin
  }
  if (!originHost || !host || originHost !== host) {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
}
