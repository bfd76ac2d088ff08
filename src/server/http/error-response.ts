import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/server/errors/app-error";

/** `{ error: { code, message } }` with the code's status; an unexpected error is logged and hidden. */
export function errorResponse(error: unknown, headers?: HeadersInit): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
  console.error("[http] unexpected error", error);
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Try again." } },
    { status: 500, headers },
  );
}
