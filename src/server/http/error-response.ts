import "server-only";
import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { AppError } from "@/server/errors/app-error";
import { requestLogger } from "@/server/log/request-logger";

/**
 * `{ error: { code, message } }` with the code's status; the database being down or restarting is a
 * 503 to retry; any other unexpected error is logged and hidden.
 */
export function errorResponse(error: unknown, headers?: HeadersInit): NextResponse {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    error = new AppError("unavailable", "The database is not answering. Try again in a moment.", {
      cause: error,
    });
    headers = { "Retry-After": "5", ...Object.fromEntries(new Headers(headers)) };
  }
  if (error instanceof AppError) {
    // What is down and why stays in the log; the answer says only what to do.
    if (error.code === "unavailable" && error.cause) {
      const cause = error.cause;
      void requestLogger().then((log) => log.warn({ err: cause }, "a service is unavailable"));
    }
    return NextResponse.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
  // Logged with the request's id, which takes a tick to read; the answer does not wait for it.
  void requestLogger().then((log) => log.error({ err: error }, "unexpected error in a route handler"));
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Try again." } },
    { status: 500, headers },
  );
}
