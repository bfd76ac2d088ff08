import "server-only";

const TAG_COUNT = 12;
const HEADER = 8;
const IFD = 2 + TAG_COUNT * 12 + 4;
const SHORT = 3;
const LONG = 4;
const UNDEFINED = 7;

/**
 * Wraps 8-bit RGBA pixels in an uncompressed baseline TIFF carrying `icc`. sharp's raw input cannot be
 * told its colour profile, but a TIFF's embedded profile is honoured, so this is how decoded Display P3
 * pixels (every iPhone HEIC) get converted to sRGB instead of being shown as if they were sRGB.
 */
export function rgbaToTiff(width: number, height: number, rgba: Uint8Array, icc: Uint8Array): Buffer {
  const bitsAt = HEADER + IFD;
  const iccAt = bitsAt + 8;
  const pixelsAt = align(iccAt + icc.length);
  const pixelBytes = width * height * 4;
  if (rgba.length !== pixelBytes) throw new Error(`expected ${pixelBytes} bytes of RGBA, got ${rgba.length}`);
  const out = Buffer.alloc(pixelsAt + pixelBytes);

  out.write("II", 0, "latin1");
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(HEADER, 4);
  out.writeUInt16LE(TAG_COUNT, HEADER);
  // Tags must be in ascending order.
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, LONG, 1, width],
    [257, LONG, 1, height],
    [258, SHORT, 4, bitsAt], // BitsPerSample 8,8,8,8 (stored out of line: 4 shorts do not fit)
    [259, SHORT, 1, 1], // no compression
    [262, SHORT, 1, 2], // RGB
    [273, LONG, 1, pixelsAt], // the one strip
    [277, SHORT, 1, 4], // samples per pixel
    [278, LONG, 1, height], // rows per strip
    [279, LONG, 1, pixelBytes],
    [284, SHORT, 1, 1], // chunky
    [338, SHORT, 1, 2], // the 4th sample is unassociated alpha
    [34675, UNDEFINED, icc.length, iccAt], // ICC profile
  ];
  entries.forEach(([tag, type, count, value], i) => {
    const at = HEADER + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === SHORT && count === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, HEADER + 2 + TAG_COUNT * 12); // no next IFD
  for (let i = 0; i < 4; i++) out.writeUInt16LE(8, bitsAt + i * 2);
  out.set(icc, iccAt);
  out.set(rgba, pixelsAt);
  return out;
}

function align(offset: number): number {
  return offset + (offset % 2);
}
