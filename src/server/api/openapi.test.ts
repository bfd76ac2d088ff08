import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ApiOperation } from "./api-operation";
import { buildOpenApi } from "./build-openapi";
import { API_OPERATIONS } from "./operations";

const app = path.resolve(import.meta.dirname, "../../app");
const operations = API_OPERATIONS as readonly ApiOperation[];

/** Every `route.ts` under src/app/api/v1 with the methods it exports. */
async function routeFiles(): Promise<{ file: string; methods: string[] }[]> {
  const dir = path.join(app, "api/v1");
  const files = (await readdir(dir, { recursive: true })).filter((f) => path.basename(f) === "route.ts");
  return Promise.all(
    files.map(async (f) => {
      const source = await readFile(path.join(dir, f), "utf8");
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) =>
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source),
      );
      return { file: path.join("api/v1", f).split(path.sep).join("/"), methods };
    }),
  );
}

describe("the OpenAPI document", () => {
  it("documents every method of every route file under src/app/api/v1, and nothing else", async () => {
    const routed = (await routeFiles()).flatMap(({ file, methods }) => methods.map((m) => `${m} ${file}`));
    const documented = operations.map((op) => `${op.method} ${op.routeFile}`);
    expect(routed.length).toBeGreaterThan(10);
    expect([...documented].sort()).toEqual([...routed].sort());
  });

  it("each route file uses its operation (the handler validates with the documented schemas)", async () => {
    for (const op of operations) {
      const source = await readFile(path.join(app, op.routeFile), "utf8");
      // `apiRoute(<operation>, …)`: the operation object carries the schemas the wrapper parses with.
      expect(source, `${op.routeFile} ${op.method}`).toMatch(/apiRoute\(/);
    }
  });

  it("the route file's folder matches the documented path", () => {
    for (const op of operations) {
      const fromFile = `/${path.dirname(op.routeFile)}`.replace(/\[(\w+)\]/g, "{$1}");
      expect(op.path, op.id).toBe(fromFile);
    }
  });

  it("is OpenAPI 3.1 with every path parameter declared and every operation exemplified", () => {
    const doc = buildOpenApi("https://photos.example") as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string }[]; responses: object }>
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    const ids = new Set<string>();
    for (const op of operations) {
      expect(ids.has(op.id), `duplicate ${op.id}`).toBe(false);
      ids.add(op.id);
      const entry = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(entry, `${op.method} ${op.path}`).toBeDefined();
      const declared = entry!.parameters.filter((p) => p.in === "path").map((p) => p.name);
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(declared.sort(), op.id).toEqual(inPath.sort());
      expect(op.examples.length, `${op.id} has examples`).toBeGreaterThan(0);
      for (const example of op.examples) {
        expect(Object.keys(op.responses), `${op.id} "${example.name}" answers a documented status`).toContain(
          String(example.status),
        );
      }
      // A 2xx answer for every operation is shown by some example.
      expect(
        op.examples.some((e) => e.status < 300),
        `${op.id} has a success example`,
      ).toBe(true);
    }
  });

  it("the schemas survive the round trip a client makes: JSON Schema back to a validator", () => {
    const doc = buildOpenApi() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
    };
    const photoList =
      doc.paths["/api/v1/photos"]!.get!.responses["200"]!.content!["application/json"]!.schema;
    const validator = z.fromJSONSchema(photoList as Parameters<typeof z.fromJSONSchema>[0]);
    expect(validator.safeParse({ photos: [], next_cursor: null }).success).toBe(true);
    expect(validator.safeParse({ photos: [{ id: "x" }], next_cursor: null }).success).toBe(false);
  });
});
