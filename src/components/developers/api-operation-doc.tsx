import type { ApiOperation } from "@/server/api/api-operation";
import { jsonSchemaOf } from "@/server/api/build-openapi";
import { exampleCurl } from "@/server/api/describe-example";

const methodColors: Record<ApiOperation["method"], string> = {
  GET: "bg-accent-soft text-accent",
  POST: "bg-surface-muted text-foreground",
  PATCH: "bg-surface-muted text-foreground",
  PUT: "bg-surface-muted text-foreground",
  DELETE: "bg-danger-soft text-danger",
};

interface Parameter {
  name: string;
  where: "path" | "query";
  type: string;
  description: string;
}

function parametersOf(operation: ApiOperation): Parameter[] {
  const out: Parameter[] = [];
  for (const [where, schema] of [
    ["path", operation.params],
    ["query", operation.query],
  ] as const) {
    if (!schema) continue;
    const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, Record<string, unknown>> };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        where,
        type: String(property.type ?? (property.enum ? "enum" : property.anyOf ? "one of" : "string")),
        description: typeof property.description === "string" ? property.description : "",
      });
    }
  }
  return out;
}

/** One operation of the API reference: what it does, its parameters, its answers, its examples. */
export function ApiOperationDoc({ operation }: { operation: ApiOperation }) {
  const parameters = parametersOf(operation);
  const headingId = `op-${operation.id}`;
  const body = operation.body ? JSON.stringify(jsonSchemaOf(operation.body, "input"), null, 2) : null;
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-border bg-surface p-5 sm:p-6">
      <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold text-foreground">
        <span className={`rounded-md px-2 py-0.5 font-mono text-xs ${methodColors[operation.method]}`}>
          {operation.method}
        </span>
        <code className="font-mono text-base">{operation.path}</code>
      </h2>
      <p className="mt-1 font-medium text-foreground">{operation.summary}</p>
      {operation.description ? <p className="mt-1 text-sm text-muted">{operation.description}</p> : null}
      <p className="mt-2 text-sm text-muted">
        Token scope: <code className="font-mono">{operation.scope}</code>
        {operation.scope === "read" && !operation.signedIn ? " (or none, for public data)" : ""}
      </p>

      {parameters.length > 0 ? (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">Parameters of {operation.id}</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Parameter
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                In
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Type
              </th>
              <th scope="col" className="py-1 font-medium">
                Meaning
              </th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr key={`${p.where}-${p.name}`} className="border-t border-border">
                <td className="py-1 pr-3 font-mono">{p.name}</td>
                <td className="py-1 pr-3">{p.where}</td>
                <td className="py-1 pr-3">{p.type}</td>
                <td className="py-1">{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {operation.headers?.length ? (
        <ul className="mt-3 text-sm text-muted">
          {operation.headers.map((h) => (
            <li key={h.name}>
              Header <code className="font-mono text-foreground">{h.name}</code>: {h.description}
            </li>
          ))}
        </ul>
      ) : null}
      {body ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-foreground">JSON body schema</summary>
          <pre className="mt-2 overflow-x-auto rounded-lg bg-surface-muted p-3 font-mono text-xs">{body}</pre>
        </details>
      ) : null}

      <h3 className="mt-4 text-sm font-semibold text-foreground">Answers</h3>
      <ul className="mt-1 text-sm text-muted">
        {Object.entries(operation.responses).map(([status, spec]) => (
          <li key={status}>
            <code className="font-mono text-foreground">{status}</code> {spec.description}
          </li>
        ))}
      </ul>

      <h3 className="mt-4 text-sm font-semibold text-foreground">Examples</h3>
      <ul className="mt-2 flex flex-col gap-3">
        {operation.examples.map((example) => (
          <li key={example.name}>
            <p className="text-sm text-foreground">
              {example.name} → <code className="font-mono">{example.status}</code>
            </p>
            <pre className="mt-1 overflow-x-auto rounded-lg bg-surface-muted p-3 font-mono text-xs">
              {exampleCurl(operation, example)}
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
