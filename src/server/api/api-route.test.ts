import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testDatabaseUrl } from "../../../test/support/db";
import { newUser, openPool, viewerOf } from "../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { apiJson, apiRoute } = await import("./api-route");
const { defineOperation } = await import("./api-operation");
const { createApiToken } = await import("../data/api-tokens/create-api-token");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const echo = z.object({ id: z.uuid(), n: z.number() });
const writeOp = defineOperation({
  id: "echo",
  method: "POST",
  path: "/api/v1/echo/{id}",
  routeFile: "api/v1/echo/[id]/route.ts",
  summary: "Echo",
  scope: "write",
  params: z.object({ id: z.uuid() }),
  query: z.object({ n: z.coerce.number().int().max(5).optional() }),
  body: z.object({ word: z.string().max(10) }).strict(),
  responses: { 200: { description: "ok", schema: echo } },
  examples: [],
});
const handler = apiRoute(writeOp, async ({ params, query, body, caller }) =>
  apiJson(echo, { id: params.id, n: (query.n ?? 0) + body.word.length + (caller.viewer ? 0 : 100) }),
);
const ID = "5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b";

function call(options: { token?: string; id?: string; query?: string; body?: string; type?: string }) {
  const request = new Request(`http://localhost/api/v1/echo/x${options.query ?? ""}`, {
    method: "POST",
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      "content-type": options.type ?? "application/json",
      "x-forwarded-for": "198.51.100.7",
    },
    body: options.body ?? JSON.stringify({ word: "hello" }),
  });
  return handler(request, { params: Promise.resolve({ id: options.id ?? ID }) });
}

describe("apiRoute", () => {
  it("authenticates, checks the scope, parses path, query and body with the operation's schemas", async () => {
    const user = await newUser(pool);
    const write = (await createApiToken(viewerOf(user), { name: "w", access: "write" })).token;
    const read = (await createApiToken(viewerOf(user), { name: "r", access: "read" })).token;

    const ok = await call({ token: write, query: "?n=2" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: ID, n: 7 });
    expect(ok.headers.get("ratelimit-policy")).toMatch(/^"token";q=\d+;w=60$/);
    expect(ok.headers.get("cache-control")).toBe("private, no-store");

    const cases: [Parameters<typeof call>[0], number, string][] = [
      [{}, 401, "unauthorized"],
      [{ token: read }, 403, "forbidden"],
      [{ token: `ph_${"x".repeat(43)}` }, 401, "unauthorized"],
      [{ token: write, id: "../etc/passwd" }, 400, "bad_request"],
      [{ token: write, query: "?n=99" }, 400, "bad_request"],
      [{ token: write, body: "{not json" }, 400, "bad_request"],
      [{ token: write, body: JSON.stringify({ word: "hi", extra: 1 }) }, 400, "bad_request"],
      [{ token: write, body: JSON.stringify({ word: "x".repeat(100_000) }) }, 413, "payload_too_large"],
      [{ token: write, type: "text/plain" }, 415, "unsupported_media_type"],
    ];
    for (const [options, status, code] of cases) {
      const res = await call(options);
      const label = JSON.stringify(options).slice(0, 120);
      expect(res.status, label).toBe(status);
      expect(await res.json(), label).toMatchObject({ error: { code, message: expect.any(String) } });
    }
  });
});
