import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/env";
import { AppError } from "@/server/errors/app-error";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * /api/metrics answers only `Authorization: Bearer $METRICS_TOKEN`. With METRICS_TOKEN unset the
 * endpoint does not exist (404): metrics are off until an operator chooses a token.
 */
export function requireMetricsToken(
  request: Request,
  token: string | null = env().METRICS_TOKEN ?? null,
): void {
  if (!token) throw new AppError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on");
  const given = request.headers.get("authorization") ?? "";
  // Compared as digests: equal lengths, so the comparison leaks neither the token nor its length.
  if (!timingSafeEqual(digest(given), digest(`Bearer ${token}`))) {
    throw new AppError("unauthorized", "A valid METRICS_TOKEN bearer token is required");
  }
}
