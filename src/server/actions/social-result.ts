import "server-only";
import { AppError } from "@/server/errors/app-error";

export type SocialResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export const SIGN_IN_FIRST = "Sign in to do that: your session has ended or you are not signed in.";

/** An expected refusal as a result the UI shows; anything else propagates (the error page). */
export function refused(error: unknown): { ok: false; error: string } {
  if (error instanceof AppError && ["not_found", "bad_request", "rate_limited"].includes(error.code)) {
    return { ok: false, error: error.message };
  }
  throw error;
}
