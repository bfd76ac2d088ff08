import { describe, expect, it } from "vitest";
import { stricterVisibility, uploadVisibility } from "./upload-visibility";

describe("uploadVisibility", () => {
  it("takes the default into the photostream, and the stricter of default and album elsewhere", () => {
    expect(uploadVisibility("PUBLIC", null)).toBe("PUBLIC");
    expect(uploadVisibility("PUBLIC", { isDefault: true, visibility: "PRIVATE" })).toBe("PUBLIC");
    expect(uploadVisibility("PUBLIC", { isDefault: false, visibility: "PRIVATE" })).toBe("PRIVATE");
    expect(uploadVisibility("PUBLIC", { isDefault: false, visibility: "SHARED" })).toBe("SHARED");
    expect(uploadVisibility("PRIVATE", { isDefault: false, visibility: "PUBLIC" })).toBe("PRIVATE");
    expect(uploadVisibility("SHARED", { isDefault: false, visibility: "PUBLIC" })).toBe("SHARED");
    expect(stricterVisibility("SHARED", "PRIVATE")).toBe("PRIVATE");
  });
});
