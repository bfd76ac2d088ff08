import { describe, expect, it } from "vitest";
import { normalizeTag, parseTags } from "./tags";

describe("parseTags", () => {
  it("splits on commas only, so a tag keeps its spaces", () => {
    expect(parseTags("sunset, lisbon tram,  night ")).toEqual(["sunset", "lisbon tram", "night"]);
    expect(parseTags("lisbon tram")).toEqual(["lisbon tram"]);
  });

  it("drops the quotes people put around a tag", () => {
    expect(parseTags("\"monument valley\", “desert”, 'utah'")).toEqual(["monument valley", "desert", "utah"]);
  });

  it("keeps an apostrophe inside a word and removes a leading #", () => {
    expect(parseTags("#o'hare, ##night")).toEqual(["o'hare", "night"]);
  });

  it("ignores empty parts and duplicates", () => {
    expect(parseTags(', "", Sunset, sunset ,')).toEqual(["sunset"]);
  });
});

describe("normalizeTag", () => {
  it("collapses spaces and lower-cases", () => {
    expect(normalizeTag('  "Monument   Valley" ')).toBe("monument valley");
  });
});
