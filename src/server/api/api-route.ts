import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { requestInfo } from "@/server/auth/request-info";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import type { ApiOperation } from "./api-operation";
import { type ApiCaller, authenticateApiRequest, requireScope } from "./authenticate-api-request";
import { limitApiRequest, RateLimitedError } from "./rate-limit-api";

export interface ApiContext<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  request: Request;
  caller: ApiCaller;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

// Answers depend on the token: no cache keeps them, and a cache that does anyway keys on the token.
const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Authorization" };

/**
 * A route handler for one operation: who is calling (the bearer token, or nobody), their rate limit,
 * the scope the operation needs, then its path, query and JSON body parsed with the operation's own
 * schemas, the same ones the OpenAPI document is built from. Every answer carries the RateLimit
 * headers; every error is `{ error: { code, message } }`.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: ApiOperation<P, Q, B>,
  handle: (context: ApiContext<P, Q, B>) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    let limitHeaders: Record<string, string> = {};
    try {
      const caller = await authenticateApiRequest(request).catch(async (error: unknown) => {
        // Failed authentications count against the address, so guessing costs the guesser.
        await limitApiRequest({ kind: "anonymous", viewer: null, address: addressOf(request) });
        throw error;
      });
      limitHeaders = (await limitApiRequest(caller)).headers;
      if (caller.kind === "token" || operation.scope === "write" || operation.signedIn) {
        requireScope(caller, operation.scope);
      }
      const params = parse(operation.params, await context.params, "path");
      const query = parse(operation.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const body = operation.body ? parse(operation.body, await readJson(request), "body") : undefined;
      const response = await handle({
        request,
        caller,
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
      });
      for (const [name, value] of Object.entries({ ...PRIVATE, ...limitHeaders })) {
        // A download may already say more (its quota's RateLimit): both policies are listed.
        const existing = response.headers.get(name);
        if (name.startsWith("RateLimit") && existing) response.headers.set(name, `${value}, ${existing}`);
        else response.headers.set(name, value);
      }
      return response;
    } catch (error) {
      const extra = error instanceof RateLimitedError ? error.headers : {};
      return errorResponse(error, { ...PRIVATE, ...limitHeaders, ...extra });
    }
  };
}

/** A JSON answer whose body the compiler holds to the operation's documented schema. */
export function apiJson<S extends z.ZodType>(_schema: S, body: z.output<S>, status = 200): Response {
  return NextResponse.json(body, { status });
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || where;
  throw new AppError("bad_request", `${where} ${field}: ${issue?.message ?? "not valid"}`);
}

async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readSmallBody(request);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", "The body is not valid JSON", { cause: error });
  }
}

// Bodies here are a few fields; anything bigger is not one of ours, and is not read to its end.
const MAX_JSON_BYTES = 64 * 1024;

async function readSmallBody(request: Request): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `Keep the body under ${MAX_JSON_BYTES} bytes`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function addressOf(request: Request): string {
  return requestInfo(request.headers).ip || "unknown";
}
