import { describe, expect, it } from "vitest";
import { parseSearchRequest, searchDateRange, searchLicenses, searchParamsOf } from "./search-request";

describe("parseSearchRequest", () => {
  it("reads a search from a URL, leniently", () => {
    const request = parseSearchRequest(
      new URLSearchParams("q=tram+28&who=mine&from=2024-05-01&to=2024-05-31&license=reuse"),
    );
    expect(request).toEqual({
      q: "tram 28",
      who: "mine",
      from: "2024-05-01",
      to: "2024-05-31",
      license: "reuse",
    });
    expect(searchParamsOf(request).toString()).toBe(
      "q=tram+28&who=mine&from=2024-05-01&to=2024-05-31&license=reuse",
    );
    expect(searchLicenses(request)).not.toContain("ALL_RIGHTS_RESERVED");
    expect(searchLicenses(request)).toContain("CC_BY_NC_ND");
    expect(searchLicenses({ license: "CC0" })).toEqual(["CC0"]);
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
      license: "mine-to-take",
    });
    expect(request).toEqual({ q: "a", who: "everyone", from: null, to: null, license: "any" });
    expect(searchLicenses(request)).toBeNull();
    expect(parseSearchRequest({}).q).toBe("");
    expect(parseSearchRequest({ q: "x".repeat(5000) }).q).toHaveLength(1000);
    expect(searchDateRange(request)).toEqual({ from: null, to: null });
  });
});
