import type { Metadata } from "next";
import Link from "next/link";
import type { ApiOperation } from "@/server/api/api-operation";
import { API_OPERATIONS } from "@/server/api/operations";
import { ApiOperationDoc } from "@/components/developers/api-operation-doc";

export const metadata: Metadata = {
  title: "API",
};

// The reference is the operations list itself (the same one the OpenAPI document is built from).
export default function ApiDocsPage() {
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Pinhole API</h1>
      <div className="mt-3 flex flex-col gap-2 text-muted">
        <p>
          JSON over HTTPS under <code className="font-mono">/api/v1</code>. Make a personal access token in{" "}
          <Link href="/settings#api-tokens-heading" className="underline">
            Settings
          </Link>{" "}
          and send it as <code className="font-mono">Authorization: Bearer ph_…</code>. Without a token, calls
          see public data only. A <code className="font-mono">read</code> token lists, searches and downloads
          what you can see; a <code className="font-mono">write</code> token also uploads, edits, deletes and
          favorites.
        </p>
        <p>
          Errors are <code className="font-mono">{`{"error":{"code":"not_found","message":"…"}}`}</code> with
          the matching status; something you may not see is a 404, never a 403. Lists return{" "}
          <code className="font-mono">next_cursor</code>: pass it back as{" "}
          <code className="font-mono">?cursor=</code>. Every answer carries{" "}
          <code className="font-mono">RateLimit-Policy</code> and <code className="font-mono">RateLimit</code>{" "}
          headers; a 429 also says <code className="font-mono">Retry-After</code>. Downloads of originals
          count against a daily byte quota.
        </p>
        <p>
          The machine-readable description:{" "}
          <a href="/api/v1/openapi.json" className="underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1). In the examples, <code className="font-mono">{"{photo}"}</code>,{" "}
          <code className="font-mono">{"{album}"}</code> and <code className="font-mono">{"{handle}"}</code>{" "}
          stand for your own photo, album and handle.
        </p>
      </div>
      <nav aria-label="Operations" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {(API_OPERATIONS as readonly ApiOperation[]).map((op) => (
            <li key={op.id}>
              <a
                href={`#op-${op.id}`}
                className="rounded-full border border-border px-3 py-1 hover:bg-surface-muted"
              >
                {op.summary}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8 flex flex-col gap-6">
        {(API_OPERATIONS as readonly ApiOperation[]).map((op) => (
          <ApiOperationDoc key={op.id} operation={op} />
        ))}
      </div>
    </div>
  );
}
