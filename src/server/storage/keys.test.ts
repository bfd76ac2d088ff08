import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { assertSafeKey, assertSafePrefix, originalKey, variantKey } from "./keys";

describe("keys", () => {
  it("builds the owner → album → resolution → file hierarchy", () => {
    const ids = { ownerId: "0b6f-u1", albumId: "a1", photoId: "p_1" };
    expect(originalKey({ ...ids, ext: "jpg" })).toBe("0b6f-u1/a1/original/p_1.jpg");
    expect(variantKey({ ...ids, width: 800, format: "webp" })).toBe("0b6f-u1/a1/w800/p_1.webp");
    expect(originalKey({ ...ids, albumId: null, ext: "heic" })).toBe("0b6f-u1/default/original/p_1.heic");
    expect(variantKey({ ...ids, albumId: null, width: 50, format: "avif" })).toBe(
      "0b6f-u1/default/w50/p_1.avif",
    );
  });

  it("refuses ids that would move the file elsewhere in the tree", () => {
    const ids = { ownerId: "u1", albumId: "a1", photoId: "p1" };
    expect(() => originalKey({ ...ids, ownerId: "u1/evil", ext: "jpg" })).toThrow(AppError);
    expect(() => originalKey({ ...ids, albumId: "..", ext: "jpg" })).toThrow(AppError);
    expect(() => originalKey({ ...ids, photoId: "", ext: "jpg" })).toThrow(AppError);
    expect(() => originalKey({ ...ids, ext: "jpg/x" })).toThrow(AppError);
    expect(() => variantKey({ ...ids, width: 0, format: "webp" })).toThrow(AppError);
    expect(() => variantKey({ ...ids, width: 1.5, format: "webp" })).toThrow(AppError);
  });

  it.each([
    "../x",
    "/abs",
    "a/../../b",
    "a\\b",
    "x%00",
    "x\u0000",
    "",
    "a//b",
    "a/",
    "./a",
    "a/.tmp",
    "a/..",
    "é.jpg",
    "a b",
  ])("assertSafeKey rejects %j", (key) => {
    expect(() => assertSafeKey(key)).toThrow(expect.objectContaining({ code: "bad_request" }));
  });

  it("assertSafeKey accepts the keys the app builds", () => {
    expect(() => assertSafeKey("u1/a1/original/p1.jpg")).not.toThrow();
    expect(() => assertSafeKey("3f0c-4b/default/w1600/9e_1.webp")).not.toThrow();
    expect(() => assertSafeKey("x".repeat(1025))).toThrow(AppError);
  });

  it("assertSafePrefix allows the whole store and folder prefixes, nothing unsafe", () => {
    for (const ok of ["", "u1/", "u1/a1/", "u1/a"]) expect(() => assertSafePrefix(ok)).not.toThrow();
    for (const bad of ["/", "../", "/etc/", "u1//", "u1/../"])
      expect(() => assertSafePrefix(bad)).toThrow(AppError);
  });
});
