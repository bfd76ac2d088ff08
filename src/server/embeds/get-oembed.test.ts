import { describe, expect, it } from "vitest";
import { parseTarget } from "./get-oembed";

const origin = "https://pinhole.example";
const id = "5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b";

describe("parseTarget", () => {
  it("reads our photo and album pages, absolute or relative", () => {
    expect(parseTarget(`${origin}/photos/${id}`, origin)).toEqual({ kind: "photo", id });
    expect(parseTarget(`/albums/${id}/`, origin)).toEqual({ kind: "album", id });
    expect(parseTarget(`${origin}/photos/${id}?in=album`, origin)).toEqual({ kind: "photo", id });
  });

  it("refuses other sites, other pages and junk", () => {
    expect(parseTarget(`https://evil.example/photos/${id}`, origin)).toBeNull();
    expect(parseTarget(`${origin}/people/ana`, origin)).toBeNull();
    expect(parseTarget(`${origin}/photos/${id}/extra`, origin)).toBeNull();
    expect(parseTarget("http://[::1", origin)).toBeNull();
  });
});
