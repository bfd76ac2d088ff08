import "server-only";
import { HeifFormatError, itemData, itemProperty, parseHeif, type HeifContainer } from "./heif-container";

export interface HeifDecodeSize {
  /** The primary picture's canvas: a grid's or overlay's output size, else the coded image's `ispe`. */
  width: number;
  height: number;
  /**
   * Pixels a decoder produces to show it: the canvas, or every tile it is assembled from when they
   * add up to more (a tile may be listed many times), plus its alpha or depth planes.
   */
  pixels: number;
}

// A derived image of a derived image is legal; this deep is not a photo.
const MAX_DEPTH = 8;
const DERIVED = new Set(["grid", "iovl"]);
// Item types whose payload is metadata, never pixels.
const NOT_IMAGES = new Set(["Exif", "mime", "uri "]);

/**
 * What decoding the primary picture of a HEIC or AVIF costs, read from the container alone: the
 * `ispe` box a header reader reports is only the primary item's claim, and a grid built from many
 * tiles can decode to far more. Throws HeifFormatError when the structure does not add up.
 */
export function heifDecodeSize(file: Buffer): HeifDecodeSize {
  const heif = parseHeif(file);
  const inputs = new Map<number, number[]>();
  const auxiliaries = new Map<number, number[]>();
  for (const ref of heif.references) {
    if (ref.type === "dimg") inputs.set(ref.from, [...(inputs.get(ref.from) ?? []), ...ref.to]);
    // Alpha and depth planes point at the picture they belong to, and are decoded with it.
    if (ref.type === "auxl")
      for (const to of ref.to) auxiliaries.set(to, [...(auxiliaries.get(to) ?? []), ref.from]);
  }
  return sizeOf({ file, heif, inputs, auxiliaries, known: new Map(), open: new Set() }, heif.primary, 0);
}

interface Walk {
  file: Buffer;
  heif: HeifContainer;
  /** Item → the items it is derived from (`dimg`), in order. */
  inputs: Map<number, number[]>;
  /** Item → its auxiliary images (`auxl`). */
  auxiliaries: Map<number, number[]>;
  /** Items already sized: an input listed many times (or shared by two grids) is walked once. */
  known: Map<number, HeifDecodeSize>;
  /** Items being sized: meeting one again is a cycle. */
  open: Set<number>;
}

function sizeOf(walk: Walk, id: number, depth: number): HeifDecodeSize {
  const known = walk.known.get(id);
  if (known) return known;
  if (depth > MAX_DEPTH) throw new HeifFormatError("derived images nest too deep");
  if (walk.open.has(id)) throw new HeifFormatError(`item ${id} is derived from itself`);
  walk.open.add(id);
  const size = sizeItem(walk, id, depth);
  walk.open.delete(id);
  walk.known.set(id, size);
  return size;
}

function sizeItem(walk: Walk, id: number, depth: number): HeifDecodeSize {
  const { file, heif } = walk;
  const type = heif.items.get(id);
  if (type === undefined) throw new HeifFormatError(`item ${id} is referenced but not described`);
  if (NOT_IMAGES.has(type)) throw new HeifFormatError(`item ${id} (${type}) is not an image`);

  const inputs = walk.inputs.get(id) ?? [];
  let own: HeifDecodeSize;
  if (DERIVED.has(type)) {
    if (inputs.length === 0) throw new HeifFormatError(`${type} item ${id} has no input images`);
    const canvas = canvasSize(type, itemData(file, heif, id, 64));
    const tiles = inputs.reduce((sum, input) => sum + sizeOf(walk, input, depth + 1).pixels, 0);
    own = { ...canvas, pixels: Math.max(canvas.width * canvas.height, tiles) };
  } else if (type === "iden") {
    if (inputs.length !== 1) throw new HeifFormatError(`iden item ${id} needs exactly one input`);
    own = sizeOf(walk, inputs[0]!, depth + 1);
  } else {
    // Every coded image item must declare its size (ISO/IEC 23008-12, 6.5.3).
    const ispe = itemProperty(heif, id, "ispe");
    if (!ispe || ispe.length < 12) throw new HeifFormatError(`image item ${id} has no ispe`);
    const width = ispe.readUInt32BE(4);
    const height = ispe.readUInt32BE(8);
    own = { width, height, pixels: width * height };
  }

  const auxiliaries = walk.auxiliaries.get(id) ?? [];
  const extra = auxiliaries.reduce((sum, aux) => sum + sizeOf(walk, aux, depth + 1).pixels, 0);
  return { ...own, pixels: own.pixels + extra };
}

// ImageGrid and ImageOverlay (ISO/IEC 23008-12, 6.6.2): version, flags (bit 0: 32-bit sizes), then
// rows and columns (grid) or four 16-bit fill values (overlay) before the output width and height.
function canvasSize(type: string, data: Buffer): { width: number; height: number } {
  const wide = (data[1] ?? 0) & 1;
  const at = type === "grid" ? 4 : 10;
  const field = wide ? 4 : 2;
  if (data.length < at + 2 * field) throw new HeifFormatError(`${type} description is truncated`);
  const read = (pos: number) => (wide ? data.readUInt32BE(pos) : data.readUInt16BE(pos));
  return { width: read(at), height: read(at + field) };
}
