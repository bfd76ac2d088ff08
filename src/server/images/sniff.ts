import "server-only";

export type ImageKind = "jpeg" | "png" | "webp" | "avif" | "gif" | "heic";

export type SniffResult =
  | { ok: true; kind: ImageKind; mime: string; ext: string }
  | { ok: false; reason: "svg" | "html" | "unknown" | "empty" };

/** How many leading bytes `sniffImage` looks at; pass at least 64, ideally this many. */
export const SNIFF_BYTES = 4100;

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis"]);
const HEIF_GENERIC_BRANDS = new Set(["mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

// The WHATWG MIME-sniffing "scriptable" HTML patterns: a tag name followed by a space or `>`.
const HTML_TAGS = [
  "!doctype html",
  "html",
  "head",
  "script",
  "iframe",
  "h1",
  "div",
  "font",
  "table",
  "a",
  "style",
  "title",
  "b",
  "body",
  "br",
  "p",
];

/**
 * Decides what an upload really is from its first bytes: never from its name or Content-Type, which
 * the client chooses. Only the six raster formats Pinhole decodes are accepted.
 */
export function sniffImage(head: Uint8Array): SniffResult {
  if (head.length === 0) return { ok: false, reason: "empty" };
  // Checked before any text test: a JPEG/HTML polyglot is a JPEG, and it is re-encoded, never served.
  if (startsWith(head, [0xff, 0xd8, 0xff])) return accept("jpeg", "image/jpeg", "jpg");
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return accept("png", "image/png", "png");
  }
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a")
    return accept("gif", "image/gif", "gif");
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP")
    return accept("webp", "image/webp", "webp");
  const isoBmff = sniffIsoBmff(head);
  if (isoBmff) return isoBmff;
  const text = sniffMarkup(head);
  if (text) return { ok: false, reason: text };
  return { ok: false, reason: "unknown" };
}

function accept(kind: ImageKind, mime: string, ext: string): SniffResult {
  return { ok: true, kind, mime, ext };
}

// HEIF and AVIF are ISO base media files: a `ftyp` box naming a major brand and compatible brands.
function sniffIsoBmff(head: Uint8Array): SniffResult | undefined {
  if (head.length < 16 || ascii(head, 4, 8) !== "ftyp") return undefined;
  const boxSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0);
  if (boxSize < 16) return undefined;
  const major = ascii(head, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4)
    compatible.push(ascii(head, at, at + 4));

  const heic = accept("heic", "image/heic", "heic");
  const heif = accept("heic", "image/heif", "heic");
  const avif = accept("avif", "image/avif", "avif");
  if (AVIF_BRANDS.has(major)) return avif;
  if (HEIC_BRANDS.has(major)) return heic;
  // mif1/msf1 only say "some HEIF": the compatible brands tell AV1 (AVIF) from HEVC.
  if (HEIF_GENERIC_BRANDS.has(major) || compatible.some((b) => HEIF_GENERIC_BRANDS.has(b))) {
    if (compatible.some((b) => AVIF_BRANDS.has(b))) return avif;
    if (compatible.some((b) => HEIC_BRANDS.has(b))) return heic;
    return heif;
  }
  return undefined;
}

// SVG can carry script and HTML is a page, so both are refused by name rather than as "unknown".
function sniffMarkup(head: Uint8Array): "svg" | "html" | undefined {
  let text = decodeText(head).toLowerCase();
  let sawXml = false;
  for (;;) {
    text = text.replace(/^[\t\n\f\r ]+/, "");
    if (text.startsWith("<!--")) {
      const end = text.indexOf("-->");
      if (end < 0) break;
      text = text.slice(end + 3);
    } else if (text.startsWith("<?xml")) {
      sawXml = true;
      const end = text.indexOf("?>");
      if (end < 0) break;
      text = text.slice(end + 2);
    } else if (text.startsWith("<!doctype svg")) {
      return "svg";
    } else if (text.startsWith("<!doctype") && !text.startsWith("<!doctype html")) {
      const end = text.indexOf(">");
      if (end < 0) break;
      text = text.slice(end + 1);
    } else {
      break;
    }
  }
  if (/^<svg[\s>/:]/.test(text) || text.startsWith("<svg:svg")) return "svg";
  for (const tag of HTML_TAGS) {
    if (text.startsWith(`<${tag}`) && /^[\s>]/.test(text.slice(tag.length + 1))) return "html";
  }
  if (sawXml) return text.includes("<html") ? "html" : "svg";
  return undefined;
}

function decodeText(head: Uint8Array): string {
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(head.subarray(2));
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(head.subarray(3));
  return new TextDecoder("utf-8").decode(head);
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  if (head.length < to) return "";
  return String.fromCharCode(...head.subarray(from, to));
}
