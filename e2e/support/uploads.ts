// Helpers for upload tests: post bytes the way the upload page does, and wait for processing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type pg from "pg";

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../test/fixtures/photos",
);

export function fixture(...parts: string[]): Promise<Buffer> {
  return readFile(path.join(FIXTURES, ...parts));
}

export interface UploadOptions {
  idempotencyKey?: string;
  album?: string;
  origin?: string | null;
}

export function postUpload(
  request: APIRequestContext,
  baseURL: string,
  body: Buffer,
  name: string,
  options: UploadOptions = {},
): Promise<APIResponse> {
  const headers: Record<string, string> = {
    "content-type": "application/octet-stream",
    "x-upload-filename": encodeURIComponent(name),
  };
  if (options.origin !== null) headers.origin = options.origin ?? baseURL;
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const query = options.album ? `?album=${options.album}` : "";
  return request.post(`/api/uploads${query}`, { data: body, headers, timeout: 120_000 });
}

export interface PhotoRow {
  id: string;
  status: string;
  failure_reason: string | null;
  access_version: number;
  /** The random part of its media URLs: /media/<id>/<media_secret>/<file>. */
  media_secret: string;
  title: string;
  original_key: string;
}

/** Waits until processing has finished (READY or FAILED) and returns the row. */
export async function waitForProcessed(db: pg.Pool, photoId: string, timeoutMs = 60_000): Promise<PhotoRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<PhotoRow>(
      "SELECT id, status, failure_reason, access_version, media_secret, title, original_key FROM photos WHERE id = $1",
      [photoId],
    );
    const row = rows[0];
    if (!row) throw new Error(`photo ${photoId} does not exist`);
    if (row.status !== "PROCESSING") return row;
    if (Date.now() > deadline) throw new Error(`photo ${photoId} still processing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
