import "server-only";
import { brandError, hasBrand } from "./branded";

// Coded errors: a route maps the code to a status, an action to a form message.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  /** A daily allowance (the API's originals download quota) is used up; a rate limit is rate_limited. */
  quota_exceeded: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const APP_ERROR = Symbol.for("pinhole.AppError");

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code.replace(/_/g, " "),
    options?: { cause?: unknown; field?: string },
  ) {
    super(message, options);
    this.name = "AppError";
    this.field = options?.field;
    brandError(this, APP_ERROR);
  }

  // Whichever copy of this module threw it (src/server/errors/branded.ts).
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, AppError, value, APP_ERROR);
  }
  readonly field: string | undefined;

  get status(): number {
    return errorStatus[this.code];
  }
}
