import "server-only";
import type { ApiExample, ApiOperation } from "./api-operation";

/** An example's URL (path parameters filled in, query appended), as documented and as tested. */
export function exampleUrl(
  operation: ApiOperation,
  example: ApiExample,
  values: Record<string, string> = {},
): string {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const path = operation.path.replace(/\{(\w+)\}/g, (whole, name: string) =>
    example.params?.[name] !== undefined ? fill(example.params[name]!) : whole,
  );
  const query = new URLSearchParams(
    Object.entries(example.query ?? {}).map(([k, v]) => [k, fill(v)] as [string, string]),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** The example as a curl command line, for the documentation page. */
export function exampleCurl(operation: ApiOperation, example: ApiExample): string {
  const parts = ["curl"];
  if (operation.method !== "GET") parts.push(`-X ${operation.method}`);
  if (example.auth !== "none")
    parts.push(`-H "Authorization: Bearer $PINHOLE_${example.auth.toUpperCase()}_TOKEN"`);
  if (example.upload) {
    const name = example.upload.split("/").at(-1)!;
    parts.push(`-H "X-Upload-Filename: ${name}"`, `--data-binary @${name}`);
  }
  if (example.body !== undefined) {
    parts.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(example.body)}'`);
  }
  parts.push(`"$PINHOLE_URL${exampleUrl(operation, example)}"`);
  return parts.join(" \\\n  ");
}
