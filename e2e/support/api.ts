// Helpers for tests of the public API: tokens seeded the way the settings page makes them, and
// requests sent the way a program sends them (a bearer token, no cookies).
import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type pg from "pg";

/** A live personal access token for `userId` (what createApiToken stores: the sha256 of the token). */
export async function seedApiToken(
  db: pg.Pool,
  userId: string,
  access: "read" | "write" = "read",
): Promise<string> {
  const token = `ph_${randomBytes(32).toString("base64url")}`;
  await db.query(
    "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes) VALUES ($1, $2, $3, $4, $5)",
    [
      userId,
      `e2e ${access}`,
      createHash("sha256").update(token).digest("hex"),
      token.slice(0, 9),
      access === "write" ? ["read", "write"] : ["read"],
    ],
  );
  return token;
}

export const bearer = (token: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** GET as a program: the token (or none) and nothing else. */
export function apiGet(context: APIRequestContext, url: string, token: string | null): Promise<APIResponse> {
  return context.get(url, { headers: bearer(token) });
}

/** Waits until the API reports the photo processed (READY or FAILED). */
export async function waitForApiPhoto(
  context: APIRequestContext,
  id: string,
  token: string,
  timeoutMs = 60_000,
): Promise<{ status: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await apiGet(context, `/api/v1/photos/${id}`, token);
    if (res.status() !== 200)
      throw new Error(`GET /api/v1/photos/${id}: ${res.status()} ${await res.text()}`);
    const { photo } = (await res.json()) as { photo: { status: string } };
    if (photo.status !== "PROCESSING") return photo;
    if (Date.now() > deadline) throw new Error(`photo ${id} still processing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
