import { describe, expect, it } from "vitest";
import { jsonLdScript, photoJsonLd } from "./photo-json-ld";

const photo = {
  id: "5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b",
  title: "Tram </script><script>alert(1)</script>",
  description: "",
  alt: "Tram",
  isPublic: true,
  mediaBase: "/media/5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b/v1",
  width: 4000,
  height: 3000,
  license: "CC_BY_SA" as const,
  rights: null,
  owner: { id: "u", handle: "ana", displayName: "Ana" },
  createdAt: new Date("2026-05-01T10:00:00Z"),
};

describe("photoJsonLd", () => {
  it("names the license, the creator and where to ask for a license", () => {
    const ld = photoJsonLd(photo, "https://pinhole.example");
    expect(ld).toMatchObject({
      "@type": "ImageObject",
      license: "https://creativecommons.org/licenses/by-sa/4.0/",
      acquireLicensePage: "https://pinhole.example/photos/5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b",
      creator: { "@type": "Person", name: "Ana", url: "https://pinhole.example/people/ana" },
      copyrightNotice: "© 2026 Ana",
    });
  });

  it("prefers the credit the file carries, and has no license URL for all rights reserved", () => {
    const ld = photoJsonLd(
      { ...photo, license: "ALL_RIGHTS_RESERVED", rights: { creator: "A. Fotografa", copyright: "© A.F." } },
      "https://pinhole.example",
    );
    expect(ld).not.toHaveProperty("license");
    expect(ld).toMatchObject({ creator: { name: "A. Fotografa" }, copyrightNotice: "© A.F." });
  });

  it("says nothing about a photo that is not public", () => {
    expect(photoJsonLd({ ...photo, isPublic: false }, "https://pinhole.example")).toBeNull();
  });

  it("cannot be closed early by a title", () => {
    const script = jsonLdScript(photoJsonLd(photo, "https://pinhole.example") ?? {});
    expect(script).not.toContain("</script>");
    expect(JSON.parse(script)).toMatchObject({ name: photo.title });
  });
});
