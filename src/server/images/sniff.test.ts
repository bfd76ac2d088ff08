import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { jpegHtmlPolyglot } from "../../../test/fixtures/images/generate";
import { sniffImage, SNIFF_BYTES, type SniffResult } from "./sniff";

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));
const head = (bytes: Uint8Array) => bytes.subarray(0, SNIFF_BYTES);
const text = (s: string) => new TextEncoder().encode(s);
const tiny = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#36c" } });

// An ISO-BMFF `ftyp` box with the given major and compatible brands, padded like a real file's head.
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size + 48);
  box.writeUInt32BE(size, 0);
  box.write(`ftyp${major}\0\0\0\0${compatible.join("")}`, 4, "latin1");
  return box;
}

// Deterministic noise that starts with no known signature.
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  bytes[0] = 0x00;
  return bytes;
}

describe("sniffImage accepts what Pinhole decodes", () => {
  it.each([
    ["jpeg", () => tiny().jpeg().toBuffer(), "image/jpeg", "jpg"],
    ["png", () => tiny().png().toBuffer(), "image/png", "png"],
    ["webp", () => tiny().webp().toBuffer(), "image/webp", "webp"],
    ["avif", () => tiny().avif({ effort: 0 }).toBuffer(), "image/avif", "avif"],
    ["gif", () => tiny().gif().toBuffer(), "image/gif", "gif"],
  ] as const)("%s made by sharp", async (kind, make, mime, ext) => {
    expect(sniffImage(head(await make()))).toEqual({ ok: true, kind, mime, ext });
  });

  it.each(["heic/IMG_5195.HEIC", "heic/samplefilehub.heif"])("the HEIC fixture %s", (file) => {
    expect(sniffImage(head(readFileSync(photos + file)))).toEqual({
      ok: true,
      kind: "heic",
      mime: "image/heic",
      ext: "heic",
    });
  });

  it("tells HEIF brands from AVIF ones", () => {
    const kind = (r: SniffResult) => (r.ok ? r.kind : r.reason);
    expect(kind(sniffImage(ftyp("heix", "mif1", "heix")))).toBe("heic");
    expect(kind(sniffImage(ftyp("hevc", "msf1")))).toBe("heic");
    expect(kind(sniffImage(ftyp("mif1", "mif1", "miaf", "avif")))).toBe("avif");
    expect(kind(sniffImage(ftyp("msf1", "avis")))).toBe("avif");
    expect(kind(sniffImage(ftyp("mif1", "mif1", "heic")))).toBe("heic");
    expect(sniffImage(ftyp("mif1", "mif1"))).toMatchObject({ kind: "heic", mime: "image/heif" });
    // An MP4 is an ISO-BMFF file too, and not an image.
    expect(kind(sniffImage(ftyp("isom", "isom", "mp41")))).toBe("unknown");
  });

  it("calls a JPEG/HTML polyglot a JPEG (it is re-encoded, never served as it is)", async () => {
    expect(sniffImage(head(await jpegHtmlPolyglot()))).toMatchObject({ ok: true, kind: "jpeg" });
  });
});

describe("sniffImage refuses everything else", () => {
  it.each([
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg"],
    [
      "SVG after a BOM, XML declaration and comment",
      '\uFEFF  <?xml version="1.0"?>\n<!-- made by hand -->\n<svg>',
      "svg",
    ],
    [
      "SVG with a doctype",
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>',
      "svg",
    ],
    ["XML that is not HTML", '<?xml version="1.0"?><rss version="2.0">', "svg"],
    ["HTML renamed .jpg", "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>", "html"],
    ["HTML without a doctype", "\n\n   <HTML><head><title>x</title>", "html"],
    ["an HTML fragment", "<script>alert(1)</script>", "html"],
    ["XHTML", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"],
    ["plain text", "just some words, not a picture", "unknown"],
    ["whitespace", "   \n\t  ", "unknown"],
  ])("%s", (_name, content, reason) => {
    expect(sniffImage(text(content))).toEqual({ ok: false, reason });
  });

  it("UTF-16 SVG", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<svg>", "utf16le")]);
    expect(sniffImage(utf16)).toEqual({ ok: false, reason: "svg" });
  });

  it("an empty (0-byte) file", () => {
    expect(sniffImage(new Uint8Array(0))).toEqual({ ok: false, reason: "empty" });
  });

  it("random bytes", () => {
    expect(sniffImage(noise(SNIFF_BYTES))).toEqual({ ok: false, reason: "unknown" });
  });

  it("formats Pinhole does not accept", async () => {
    const tiff = await tiny().tiff().toBuffer();
    expect(sniffImage(head(tiff))).toEqual({ ok: false, reason: "unknown" });
    expect(sniffImage(text("BM6\0\0\0"))).toEqual({ ok: false, reason: "unknown" });
  });
});
