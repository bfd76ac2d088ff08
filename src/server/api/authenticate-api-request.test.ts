import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { newUser, openPool, viewerOf } from "../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { authenticateApiRequest, requireScope } = await import("./authenticate-api-request");
const { createApiToken } = await import("../data/api-tokens/create-api-token");
const { revokeApiToken } = await import("../data/api-tokens/revoke-api-token");
const { listApiTokens } = await import("../data/api-tokens/list-api-tokens");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const request = (authorization?: string) =>
  new Request("http://localhost/api/v1/me", {
    headers: { ...(authorization !== undefined && { authorization }), "x-forwarded-for": "203.0.113.9" },
  });

describe("personal access tokens", () => {
  it("are stored hashed, authenticate their owner with their scopes, and stop at once when revoked", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const created = await createApiToken(viewerOf(owner), { name: "backup", access: "read" });
    expect(created.token).toMatch(/^ph_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(["read"]);
    const { rows } = await pool.query<{ token_hash: string; prefix: string }>(
      "SELECT token_hash, prefix FROM api_tokens WHERE id = $1",
      [created.id],
    );
    // Only a hash is kept: the token itself is nowhere in the row.
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain(created.token);
    expect(created.token.startsWith(rows[0]!.prefix)).toBe(true);

    const caller = await authenticateApiRequest(request(`Bearer ${created.token}`));
    expect(caller).toMatchObject({ kind: "token", viewer: { id: owner.id }, address: "203.0.113.9" });
    expect(() => requireScope(caller, "read")).not.toThrow();
    expect(() => requireScope(caller, "write")).toThrow(expect.objectContaining({ code: "forbidden" }));
    const listed = await listApiTokens(viewerOf(owner));
    expect(listed).toHaveLength(1);
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.token);

    // Someone else cannot revoke it (not found); its owner can, and it is refused on the next request.
    await expect(revokeApiToken(viewerOf(stranger), created.id)).rejects.toMatchObject({ code: "not_found" });
    await authenticateApiRequest(request(`Bearer ${created.token}`));
    await revokeApiToken(viewerOf(owner), created.id);
    await expect(authenticateApiRequest(request(`Bearer ${created.token}`))).rejects.toMatchObject({
      code: "unauthorized",
    });
    expect(await listApiTokens(viewerOf(owner))).toEqual([]);
  });

  it("given a lifetime, expire: refused once the time has passed, listed with their expiry", async () => {
    const owner = await newUser(pool);
    const before = Date.now();
    const created = await createApiToken(viewerOf(owner), { name: "ci", access: "read", expiresInDays: 30 });
    const days = (created.expiresAt!.getTime() - before) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThanOrEqual(30);
    expect(days).toBeLessThan(30.01);
    expect(await authenticateApiRequest(request(`Bearer ${created.token}`))).toMatchObject({
      viewer: { id: owner.id },
    });
    const [listed] = await listApiTokens(viewerOf(owner));
    expect(listed!.expiresAt).toBe(created.expiresAt!.toISOString());

    // The lifetime has passed (moved back by hand): the next request is refused.
    await pool.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [
      created.id,
    ]);
    await expect(authenticateApiRequest(request(`Bearer ${created.token}`))).rejects.toMatchObject({
      code: "unauthorized",
    });
    // Without a lifetime a token never expires.
    const lasting = await createApiToken(viewerOf(owner), { name: "backup", access: "read" });
    expect(lasting.expiresAt).toBeNull();
  });

  it("no header is the anonymous caller; a bad or unknown token is 401, never anonymous", async () => {
    expect(await authenticateApiRequest(request())).toMatchObject({ kind: "anonymous", viewer: null });
    for (const header of [
      "Bearer",
      "Basic dXNlcjpwYXNz",
      "Bearer ph_short",
      `Bearer ph_${"A".repeat(43)}`,
      `Bearer ${"x".repeat(5000)}`,
    ]) {
      await expect(authenticateApiRequest(request(header)), header.slice(0, 30)).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    const anonymous = await authenticateApiRequest(request());
    expect(() => requireScope(anonymous, "read")).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });

  it("writes the last-used time at most once a minute, and write tokens can read", async () => {
    const owner = await newUser(pool);
    const created = await createApiToken(viewerOf(owner), { name: "sync", access: "write" });
    expect(created.scopes).toEqual(["read", "write"]);
    await authenticateApiRequest(request(`Bearer ${created.token}`));
    const first = await pool.query<{ t: Date }>("SELECT last_used_at AS t FROM api_tokens WHERE id = $1", [
      created.id,
    ]);
    await authenticateApiRequest(request(`Bearer ${created.token}`));
    const second = await pool.query<{ t: Date }>("SELECT last_used_at AS t FROM api_tokens WHERE id = $1", [
      created.id,
    ]);
    expect(second.rows[0]!.t).toEqual(first.rows[0]!.t);
    // An hour later (moved back by hand), the next request records the new time.
    await pool.query("UPDATE api_tokens SET last_used_at = now() - interval '1 hour' WHERE id = $1", [
      created.id,
    ]);
    await authenticateApiRequest(request(`Bearer ${created.token}`));
    const third = await pool.query<{ t: Date }>("SELECT last_used_at AS t FROM api_tokens WHERE id = $1", [
      created.id,
    ]);
    expect(third.rows[0]!.t.getTime()).toBeGreaterThan(first.rows[0]!.t.getTime() - 1000);
    const caller = await authenticateApiRequest(request(`Bearer ${created.token}`));
    expect(() => requireScope(caller, "write")).not.toThrow();
    expect(() => requireScope(caller, "read")).not.toThrow();
  });
});
