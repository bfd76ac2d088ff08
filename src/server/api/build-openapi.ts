import "server-only";
import { z } from "zod";
import type { ApiOperation } from "./api-operation";
import { API_OPERATIONS } from "./operations";

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without the per-document `$schema`. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(operation: ApiOperation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", operation.params],
    ["query", operation.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchemaOf(schema, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === "path" || (object.required ?? []).includes(name),
        ...(typeof description === "string" && { description }),
        schema: rest,
      });
    }
  }
  for (const header of operation.headers ?? []) {
    out.push({
      name: header.name,
      in: "header",
      required: false,
      description: header.description,
      schema: { type: "string" },
    });
  }
  return out;
}

function operationObject(operation: ApiOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.schema && {
        content: { "application/json": { schema: jsonSchemaOf(spec.schema, "output") } },
      }),
      ...(spec.binary && {
        content: { [spec.binary]: { schema: { type: "string", contentMediaType: spec.binary } } },
      }),
    };
  }
  const readable = operation.scope === "read" && !operation.signedIn;
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    // Reads answer anonymous callers too (public data only): the empty requirement says so.
    security: readable ? [{ token: ["read"] }, {}] : [{ token: [operation.scope] }],
    "x-scope": operation.scope,
    parameters: parametersOf(operation),
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: jsonSchemaOf(operation.body, "input") } },
      },
    }),
    ...(operation.binaryBody && {
      requestBody: {
        required: true,
        content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "image/*" } } },
      },
    }),
    responses,
    "x-examples": operation.examples,
  };
}

/** The OpenAPI 3.1 document of /api/v1, from the operations' own schemas. */
export function buildOpenApi(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of API_OPERATIONS as readonly ApiOperation[]) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Pinhole API",
      version: "1",
      description:
        'Photos, albums, search and favorites for programs. Authenticate with a personal access token made in Settings: `Authorization: Bearer ph_…`. Without one, calls see public data only. Errors are `{"error":{"code","message"}}`. Lists page with `?cursor=` (the previous page\'s `next_cursor`). Every answer carries `RateLimit-Policy` and `RateLimit` headers.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: {
      securitySchemes: {
        token: {
          type: "http",
          scheme: "bearer",
          description: "A personal access token (ph_…), scopes read or write",
        },
      },
    },
    paths,
  };
}
