import "server-only";
import { AppError } from "@/server/errors/app-error";

/** The one answer for a file whose header or pixels do not decode; the decoder's words stay in `cause`. */
export function damagedFile(cause: unknown): AppError {
  return new AppError("unprocessable", "the file is damaged", { cause });
}
