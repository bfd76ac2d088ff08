import "server-only";
import { AppError } from "@/server/errors/app-error";

/** The message an action shows for an expected refusal; anything else propagates (error page). */
export function refusalMessage(error: unknown): string {
  if (error instanceof AppError && ["not_found", "conflict", "bad_request"].includes(error.code)) {
    return error.message;
  }
  throw error;
}
