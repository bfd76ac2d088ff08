import { describe, expect, it } from "vitest";
import { commentBodySchema } from "./comment";

describe("commentBodySchema", () => {
  it("refuses empty and whitespace, trims the rest", () => {
    expect(commentBodySchema.safeParse("  \n ").error?.issues[0]?.message).toMatch(/Write something/);
    expect(commentBodySchema.parse("  hi  ")).toBe("hi");
  });

  it("refuses more than 2 000 characters, saying how many there were", () => {
    expect(commentBodySchema.safeParse("x".repeat(2_000)).success).toBe(true);
    expect(commentBodySchema.safeParse("x".repeat(10_240)).error?.issues[0]?.message).toMatch(
      /at most 2,000 characters; this one has 10,240/,
    );
  });
});
