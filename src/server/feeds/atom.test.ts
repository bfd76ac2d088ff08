import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderAtom } from "./atom";

const feed = {
  id: "https://pinhole.example/people/ana",
  title: "Ana's <photos> & more",
  self: "https://pinhole.example/people/ana/atom",
  alternate: "https://pinhole.example/people/ana",
  author: 'Ana \u0000"A"',
  entries: [
    {
      id: "https://pinhole.example/photos/1",
      title: "</title><script>x</script>",
      updated: new Date("2026-05-01T10:00:00Z"),
      link: "https://pinhole.example/photos/1?a=1&b=2",
      author: "Ana",
      contentHtml: '<p><img src="https://pinhole.example/media/1/1/w800.webp" alt="a &amp; b"></p>',
    },
  ],
};

describe("renderAtom", () => {
  it("writes well-formed XML that reads back as the same feed", () => {
    const xml = renderAtom(feed);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml) as {
      feed: Record<string, unknown> & { entry: Record<string, unknown> };
    };
    expect(parsed.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(parsed.feed.title).toBe("Ana's <photos> & more");
    expect(parsed.feed.updated).toBe("2026-05-01T10:00:00.000Z");
    expect(parsed.feed.entry.title).toBe("</title><script>x</script>");
    expect(parsed.feed.entry.link).toMatchObject({ "@href": "https://pinhole.example/photos/1?a=1&b=2" });
  });

  it("has an updated time with no entries, and drops characters XML cannot carry", () => {
    const xml = renderAtom({ ...feed, entries: [] });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<updated>1970-01-01T00:00:00.000Z</updated>");
    expect(xml).not.toContain("\u0000");
  });
});
