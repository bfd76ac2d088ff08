import { describe, expect, it } from "vitest";
import { parseSearchRequest, searchDateRange, searchParamsOf } from "./search-request";

describe("parseSearchRequest", () => {
  it("reads a search from a URL, leniently", () => {
    const request = parseSearchRequest(
      new URLSearchParams("q=tram+28&who=mine&from=2024-05-01&to=2024-05-31"),
    );
    expect(request).toEqual({ q: "tram 28", who: "mine", from: "2024-05-01", to: "2024-05-31" });
    expect(searchParamsOf(request).toString()).toBe("q=tram+28&who=mine&from=2024-05-01&to=2024-05-31");
    expect(searchDateRange(request)).toEqual({
      from: new Date("2024-05-01T00:00:00Z"),
      to: new Date("2024-06-01T00:00:00Z"),
    });
  });

  it("turns anything else into a plain search of everyone at any date", () => {
    const request = parseSearchRequest({
      q: ["a", "b"],
      who: "admins",
      from: "2024-02-31",
      to: "0000-01-01",
    });
    expect(request).toEqual({ q: "a", who: "everyone", from: null, to: null });
    expect(parseSearchRequest({}).q).toBe("");
    expect(parseSearchRequest({ q: "x".repeat(5000) }).q).toHaveLength(1000);
    expect(searchDateRange(request)).toEqual({ from: null, to: null });
  });
});
