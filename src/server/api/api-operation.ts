import "server-only";
import type { z } from "zod";
import type { ApiScope } from "@/server/data/api-tokens/api-token-scopes";

/** Which token an example request is sent with: the documented world's owner's, or none. */
export type ExampleAuth = ApiScope | "none";

/**
 * One documented request and the answer it gets. Path parameters and query values may name the
 * documented world's things: `{photo}` (a ready photo of the caller's), `{other_photo}` (one they may
 * not see), `{album}`, `{handle}` and `{disposable_photo}` (one the example may delete).
 * The examples test sends every one of them and checks the status and the body's schema.
 */
export interface ApiExample {
  name: string;
  auth: ExampleAuth;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A photo from test/fixtures/photos sent as the raw body (uploads). */
  upload?: string;
  status: number;
}

export interface ApiResponseSpec {
  description: string;
  /** A JSON body of this shape; absent with `binary` (a file) or for an empty body. */
  schema?: z.ZodType;
  /** The media type of a file response (image/*, or application/octet-stream for originals). */
  binary?: string;
}

export interface ApiOperation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  id: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** OpenAPI form: /api/v1/photos/{id}. */
  path: string;
  /** The route file that answers it, under src/app (the coverage test matches them). */
  routeFile: string;
  summary: string;
  description?: string;
  /** The scope a token needs; `read` operations also answer anonymous callers unless `signedIn`. */
  scope: ApiScope;
  /** Needs a token even to read (the caller's own things). */
  signedIn?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is a file (uploads), not JSON. */
  binaryBody?: boolean;
  /** Request headers worth naming (uploads). */
  headers?: { name: string; description: string }[];
  responses: Record<number, ApiResponseSpec>;
  examples: ApiExample[];
}

export function defineOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: ApiOperation<P, Q, B>,
): ApiOperation<P, Q, B> {
  return operation;
}
