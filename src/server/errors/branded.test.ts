// Two copies of the same error module, as the production server has them (its front's and Next's
// bundle's, sharing singletons on globalThis): an error from either is an instance of both.
import { describe, expect, it, vi } from "vitest";

async function freshCopies() {
  vi.resetModules();
  const a = await import("./app-error");
  const cacheA = await import("@/server/cache/kv");
  vi.resetModules();
  const b = await import("./app-error");
  const cacheB = await import("@/server/cache/kv");
  return { a, b, cacheA, cacheB };
}

describe("errors across copies of their module", () => {
  it("an AppError from one copy is an AppError to the other, and a plain Error is not", async () => {
    const { a, b } = await freshCopies();
    expect(a.AppError).not.toBe(b.AppError);
    const fromB = new b.AppError("unavailable", "Photo storage is not answering.");
    expect(fromB instanceof a.AppError).toBe(true);
    expect(new a.AppError("not_found") instanceof b.AppError).toBe(true);
    expect(new Error("x") instanceof a.AppError).toBe(false);
    expect((null as unknown) instanceof a.AppError).toBe(false);
    expect({ code: "unavailable" } instanceof a.AppError).toBe(false);
  });

  it("keeps subclasses to the ordinary check", async () => {
    const { a } = await freshCopies();
    class Narrower extends a.AppError {}
    expect(new Narrower("rate_limited") instanceof a.AppError).toBe(true);
    expect(new Narrower("rate_limited") instanceof Narrower).toBe(true);
    expect(new a.AppError("rate_limited") instanceof Narrower).toBe(false);
  });

  it("a CacheUnavailableError from one copy is one to the other (the cache's fail-open rules)", async () => {
    const { cacheA, cacheB } = await freshCopies();
    expect(cacheA.CacheUnavailableError).not.toBe(cacheB.CacheUnavailableError);
    expect(
      new cacheB.CacheUnavailableError(new Error("ECONNREFUSED")) instanceof cacheA.CacheUnavailableError,
    ).toBe(true);
    expect(new Error("x") instanceof cacheA.CacheUnavailableError).toBe(false);
  });
});
