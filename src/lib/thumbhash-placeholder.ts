// ThumbHash placeholders as small PNG data: URLs, the same bytes on the server and in the browser.
// A grid card carries the hash (~30 characters) rather than the image (~300): the page's HTML
// shows the rendered placeholder, and the RSC payload and the photos API carry only the hash,
// which the grid renders again, identically, in the browser.
//
// thumbhash's own thumbHashToDataURL renders 32 px with a cosine per pixel and writes an
// uncompressed PNG: about 0.4 ms and 4 KB a photo. The same hash rendered 8 px wide with cosine
// tables is about 300 bytes in tens of microseconds, and once the browser scales it up over the tile
// it looks the same: a ThumbHash is a handful of low-frequency cosines. Rendered ones are kept,
// bounded, since popular pages repeat.
import { thumbHashToApproximateAspectRatio } from "thumbhash";

const PLACEHOLDER_SIDE = 8;
const placeholderMemo = new Map<string, string | null>();
const PLACEHOLDER_MEMO_MAX = 20_000;

/** A small `data:image/png` rendering of a base64 ThumbHash, or null when it is not one. */
export function placeholderDataUrl(thumbhash: string | null | undefined): string | null {
  if (!thumbhash) return null;
  const known = placeholderMemo.get(thumbhash);
  if (known !== undefined) return known;
  const bytes = fromBase64(thumbhash);
  let url: string | null = null;
  if (bytes && bytes.length >= 5) {
    const { w, h, rgba, alpha } = renderThumbhash(bytes, PLACEHOLDER_SIDE);
    url = `data:image/png;base64,${toBase64(encodePng(w, h, rgba, alpha))}`;
  }
  if (placeholderMemo.size >= PLACEHOLDER_MEMO_MAX) {
    const oldest = placeholderMemo.keys().next().value;
    if (oldest !== undefined) placeholderMemo.delete(oldest);
  }
  placeholderMemo.set(thumbhash, url);
  return url;
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// thumbhash's decoder (MIT, Evan Wallace) with the output size as a parameter and the cosines
// computed once per column and row instead of once per pixel.
function renderThumbhash(hash: Uint8Array, side: number) {
  const at = (i: number) => hash[i] ?? 0;
  const header24 = at(0) | (at(1) << 8) | (at(2) << 16);
  const header16 = at(3) | (at(4) << 8);
  const lDc = (header24 & 63) / 63;
  const pDc = ((header24 >> 6) & 63) / 31.5 - 1;
  const qDc = ((header24 >> 12) & 63) / 31.5 - 1;
  const lScale = ((header24 >> 18) & 31) / 31;
  const hasAlpha = header24 >> 23 === 1;
  const pScale = ((header16 >> 3) & 63) / 63;
  const qScale = ((header16 >> 9) & 63) / 63;
  const isLandscape = header16 >> 15 === 1;
  const lx = Math.max(3, isLandscape ? (hasAlpha ? 5 : 7) : header16 & 7);
  const ly = Math.max(3, isLandscape ? header16 & 7 : hasAlpha ? 5 : 7);
  const aDc = hasAlpha ? (at(5) & 15) / 15 : 1;
  const aScale = (at(5) >> 4) / 15;

  const acStart = hasAlpha ? 6 : 5;
  let acIndex = 0;
  const channel = (nx: number, ny: number, scale: number) => {
    const ac: number[] = [];
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++) {
        ac.push((((at(acStart + (acIndex >> 1)) >> ((acIndex++ & 1) << 2)) & 15) / 7.5 - 1) * scale);
      }
    }
    return ac;
  };
  const lAc = channel(lx, ly, lScale);
  const pAc = channel(3, 3, pScale * 1.25);
  const qAc = channel(3, 3, qScale * 1.25);
  const aAc = hasAlpha ? channel(5, 5, aScale) : [];

  const ratio = thumbHashToApproximateAspectRatio(hash);
  const w = Math.max(1, Math.round(ratio > 1 ? side : side * ratio));
  const h = Math.max(1, Math.round(ratio > 1 ? side / ratio : side));
  const nx = Math.max(lx, hasAlpha ? 5 : 3);
  const ny = Math.max(ly, hasAlpha ? 5 : 3);
  // cos(π / size · (x + ½) · c) for every position x and coefficient c < n; doubled along y as in the
  // original, so the inner loops only multiply.
  const cosTable = (n: number, size: number, factor: number) => {
    const table = new Float64Array(size * n);
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < n; c++) table[x * n + c] = factor * Math.cos((Math.PI / size) * (x + 0.5) * c);
    }
    return table;
  };
  const fx = cosTable(nx, w, 1);
  const fy = cosTable(ny, h, 2);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0, i = 0; y < h; y++) {
    const oy = y * ny;
    for (let x = 0; x < w; x++, i += 4) {
      const ox = x * nx;
      let l = lDc;
      let p = pDc;
      let q = qDc;
      let a = aDc;
      for (let cy = 0, j = 0; cy < ly; cy++) {
        const fy2 = fy[oy + cy]!;
        for (let cx = cy ? 0 : 1; cx * ly < lx * (ly - cy); cx++, j++) l += lAc[j]! * fx[ox + cx]! * fy2;
      }
      for (let cy = 0, j = 0; cy < 3; cy++) {
        const fy2 = fy[oy + cy]!;
        for (let cx = cy ? 0 : 1; cx < 3 - cy; cx++, j++) {
          const f = fx[ox + cx]! * fy2;
          p += pAc[j]! * f;
          q += qAc[j]! * f;
        }
      }
      if (hasAlpha) {
        for (let cy = 0, j = 0; cy < 5; cy++) {
          const fy2 = fy[oy + cy]!;
          for (let cx = cy ? 0 : 1; cx < 5 - cy; cx++, j++) a += aAc[j]! * fx[ox + cx]! * fy2;
        }
      }
      const b = l - (2 / 3) * p;
      const r = (3 * l - b + q) / 2;
      const g = r - q;
      rgba[i] = Math.max(0, 255 * Math.min(1, r));
      rgba[i + 1] = Math.max(0, 255 * Math.min(1, g));
      rgba[i + 2] = Math.max(0, 255 * Math.min(1, b));
      rgba[i + 3] = Math.max(0, 255 * Math.min(1, a));
    }
  }
  return { w, h, rgba, alpha: hasAlpha };
}

// An 8-bit RGB (or RGBA) PNG whose pixels go in one uncompressed ("stored") deflate block: at a few
// hundred bytes, a compressor would cost more than it saves.
function encodePng(w: number, h: number, rgba: Uint8Array, alpha: boolean): Uint8Array {
  const channels = alpha ? 4 : 3;
  const stride = w * channels + 1;
  const size = stride * h;
  // zlib header, one final stored block (LEN, ~LEN), the scanlines (filter byte 0), Adler-32.
  const idat = new Uint8Array(2 + 5 + size + 4);
  const view = new DataView(idat.buffer);
  idat[0] = 0x78;
  idat[1] = 0x01;
  idat[2] = 1;
  view.setUint16(3, size, true);
  view.setUint16(5, ~size & 0xffff, true);
  let o = 7;
  for (let y = 0; y < h; y++) {
    idat[o++] = 0;
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) idat[o++] = rgba[(y * w + x) * 4 + c]!;
    }
  }
  let s1 = 1;
  let s2 = 0;
  for (let k = 7; k < o; k++) {
    s1 = (s1 + idat[k]!) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  view.setUint32(o, ((s2 << 16) | s1) >>> 0);
  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, w);
  headerView.setUint32(4, h);
  header[8] = 8;
  header[9] = alpha ? 6 : 2;
  return concat([
    Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10),
    pngChunk("IHDR", header),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([Uint8Array.from(type, (c) => c.charCodeAt(0)), data]);
  const out = new Uint8Array(body.length + 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(body.length + 4, crc32(body));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC), as PNG chunks need. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
