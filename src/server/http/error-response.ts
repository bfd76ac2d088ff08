import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/server/errors/app-error";
import { requestLogger } from "@/server/log/request-logger";

/** `{ error: { code, message } }` with the code's status; an unexpected error is logged and hidden. */
export function errorResponse(error: unknown, headers?: HeadersInit): NextResponse {
  if (error instanceof AppError) {
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
