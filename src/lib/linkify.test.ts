import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("makes http and https URLs links, leaving the sentence's punctuation outside", () => {
    expect(linkify("See https://example.com/a?b=1. And http://x.test/y)")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ". And " },
      { kind: "link", text: "http://x.test/y", href: "http://x.test/y" },
      { kind: "text", text: ")" },
    ]);
  });

  it("leaves other schemes and markup as text (React escapes it when rendering)", () => {
    const text = `<script>alert(1)</script> javascript:alert(1) data:text/html,x <a href="https://e.test">`;
    const segments = linkify(text);
    expect(segments.filter((s) => s.kind === "link").map((s) => s.text)).toEqual(["https://e.test"]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });

  it("returns plain text unchanged, and nothing for nothing", () => {
    expect(linkify("just words")).toEqual([{ kind: "text", text: "just words" }]);
    expect(linkify("")).toEqual([]);
  });
});
