import "server-only";

// The HEIF (HEIC, AVIF) container's item structure, read from its ISO-BMFF boxes without decoding a
// pixel: which item is the picture, what it is made of (a grid of tiles, an overlay) and each item's
// declared size. Our own small reader, kept because the maintained JavaScript ISO-BMFF library
// (mp4box.js) is a whole video demuxer, and the size check needs a dozen item boxes read with every
// length checked against its parent.

export interface HeifItemLocation {
  /** 0: offsets into the file; 1: offsets into the `idat` box. (2, from another item, is refused.) */
  constructionMethod: number;
  extents: { offset: number; length: number }[];
}

export interface HeifContainer {
  /** The primary item: the picture a decoder shows. */
  primary: number;
  /** Item id → its type (`hvc1`, `av01`, `grid`, `iovl`, `iden`, `Exif`, `mime`, …). */
  items: Map<number, string>;
  /** The `ipco` property boxes in order (associations index them from 1). */
  properties: { type: string; body: Buffer }[];
  /** Item id → the indexes of its properties. */
  associations: Map<number, number[]>;
  /** `iref` references: `dimg` (derived image inputs), `auxl` (alpha, depth), `thmb`, `cdsc`, … */
  references: { type: string; from: number; to: number[] }[];
  locations: Map<number, HeifItemLocation>;
  idat?: Buffer;
}

/** Thrown for a container whose boxes do not hold together. */
export class HeifFormatError extends Error {
  override name = "HeifFormatError";
}

interface Box {
  type: string;
  /** The box's content after its header (and after version and flags for a full box: see `full`). */
  body: Buffer;
}

function fail(message: string): never {
  throw new HeifFormatError(message);
}

/** The boxes laid end to end in `data`. */
function boxes(data: Buffer): Box[] {
  const found: Box[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (pos + 8 > data.length) fail("truncated box header");
    let size = data.readUInt32BE(pos);
    const type = data.toString("latin1", pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > data.length) fail("truncated box header");
      const large = data.readBigUInt64BE(pos + 8);
      if (large > BigInt(data.length - pos)) fail(`box ${type} runs past its parent`);
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = data.length - pos;
    }
    if (size < header || pos + size > data.length) fail(`box ${type} runs past its parent`);
    found.push({ type, body: data.subarray(pos + header, pos + size) });
    pos += size;
  }
  return found;
}

/** A full box's version, flags and the rest of its body. */
function full(box: Box): { version: number; flags: number; rest: Buffer } {
  if (box.body.length < 4) fail(`box ${box.type} is too short`);
  return { version: box.body[0]!, flags: box.body.readUIntBE(1, 3), rest: box.body.subarray(4) };
}

/** Reads big-endian integers of 0–8 bytes in sequence, failing cleanly at the end of the data. */
class Reader {
  pos = 0;
  constructor(
    private readonly data: Buffer,
    private readonly what: string,
  ) {}

  uint(bytes: number): number {
    if (this.pos + bytes > this.data.length) fail(`${this.what} is truncated`);
    let value = 0;
    for (let i = 0; i < bytes; i++) value = value * 256 + this.data[this.pos + i]!;
    this.pos += bytes;
    if (!Number.isSafeInteger(value)) fail(`${this.what} holds an offset too large`);
    return value;
  }

  fourcc(): string {
    if (this.pos + 4 > this.data.length) fail(`${this.what} is truncated`);
    this.pos += 4;
    return this.data.toString("latin1", this.pos - 4, this.pos);
  }
}

/**
 * The item structure of a HEIF file. Throws HeifFormatError when the `meta` box is missing or its
 * boxes are inconsistent: the same file would be refused by a decoder, or worse, read differently.
 */
export function parseHeif(file: Buffer): HeifContainer {
  const meta = boxes(file).find((b) => b.type === "meta");
  if (!meta) fail("no meta box");
  const children = boxes(full(meta).rest);
  const child = (type: string) => {
    const matches = children.filter((b) => b.type === type);
    if (matches.length > 1) fail(`more than one ${type} box`);
    return matches[0];
  };

  const pitm = child("pitm");
  if (!pitm) fail("no primary item");
  const pitmBox = full(pitm);
  const primary = new Reader(pitmBox.rest, "pitm").uint(pitmBox.version === 0 ? 2 : 4);

  const container: HeifContainer = {
    primary,
    items: readItemInfo(child("iinf")),
    properties: [],
    associations: new Map(),
    references: readReferences(child("iref")),
    locations: readLocations(child("iloc")),
    idat: child("idat")?.body,
  };

  const iprp = child("iprp");
  if (iprp) {
    const parts = boxes(iprp.body);
    const ipco = parts.find((b) => b.type === "ipco");
    if (ipco) container.properties = boxes(ipco.body);
    for (const ipma of parts.filter((b) => b.type === "ipma")) readAssociations(ipma, container.associations);
  }
  if (!container.items.has(primary)) fail(`the primary item ${primary} is not described`);
  return container;
}

function readItemInfo(iinf: Box | undefined): Map<number, string> {
  const items = new Map<number, string>();
  if (!iinf) return items;
  const { version, rest } = full(iinf);
  const count = new Reader(rest, "iinf").uint(version === 0 ? 2 : 4);
  const entries = boxes(rest.subarray(version === 0 ? 2 : 4)).filter((b) => b.type === "infe");
  if (entries.length !== count) fail("iinf counts a different number of items than it holds");
  for (const infe of entries) {
    const entry = full(infe);
    // Versions 0 and 1 predate item types (and HEIF); a decoder would not find an image in them.
    if (entry.version < 2) continue;
    const r = new Reader(entry.rest, "infe");
    const id = r.uint(entry.version === 2 ? 2 : 4);
    r.uint(2); // protection index
    if (items.has(id)) fail(`item ${id} is described twice`);
    items.set(id, r.fourcc());
  }
  return items;
}

function readReferences(iref: Box | undefined): HeifContainer["references"] {
  if (!iref) return [];
  const { version, rest } = full(iref);
  const idSize = version === 0 ? 2 : 4;
  return boxes(rest).map((box) => {
    const r = new Reader(box.body, `iref ${box.type}`);
    const from = r.uint(idSize);
    const count = r.uint(2);
    return { type: box.type, from, to: Array.from({ length: count }, () => r.uint(idSize)) };
  });
}

function readLocations(iloc: Box | undefined): Map<number, HeifItemLocation> {
  const locations = new Map<number, HeifItemLocation>();
  if (!iloc) return locations;
  const { version, rest } = full(iloc);
  if (version > 2) fail(`iloc version ${version}`);
  const r = new Reader(rest, "iloc");
  const sizes = r.uint(2);
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 15;
  const baseOffsetSize = (sizes >> 4) & 15;
  const indexSize = version === 0 ? 0 : sizes & 15;
  const count = r.uint(version < 2 ? 2 : 4);
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const constructionMethod = version === 0 ? 0 : r.uint(2) & 15;
    r.uint(2); // data reference index: 0 is this file
    const base = r.uint(baseOffsetSize);
    const extentCount = r.uint(2);
    const extents = Array.from({ length: extentCount }, () => {
      r.uint(indexSize);
      return { offset: base + r.uint(offsetSize), length: r.uint(lengthSize) };
    });
    locations.set(id, { constructionMethod, extents });
  }
  return locations;
}

function readAssociations(ipma: Box, into: Map<number, number[]>): void {
  const { version, flags, rest } = full(ipma);
  const r = new Reader(rest, "ipma");
  const count = r.uint(4);
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 1 ? 2 : 4);
    const n = r.uint(1);
    // The top bit says "essential"; the rest is the 1-based property index.
    const indexes = Array.from({ length: n }, () => (flags & 1 ? r.uint(2) & 0x7fff : r.uint(1) & 0x7f));
    into.set(id, [...(into.get(id) ?? []), ...indexes]);
  }
}

/** The first property of `type` associated with the item, if any. */
export function itemProperty(heif: HeifContainer, id: number, type: string): Buffer | undefined {
  for (const index of heif.associations.get(id) ?? []) {
    const property = heif.properties[index - 1];
    if (property?.type === type) return property.body;
  }
  return undefined;
}

/** An item's bytes (the grid or overlay description of a derived image, say), bounded by `maxBytes`. */
export function itemData(file: Buffer, heif: HeifContainer, id: number, maxBytes: number): Buffer {
  const location = heif.locations.get(id);
  if (!location) fail(`item ${id} has no location`);
  const source =
    location.constructionMethod === 0
      ? file
      : location.constructionMethod === 1
        ? (heif.idat ?? fail("item data in a missing idat box"))
        : fail(`item ${id} is built by construction method ${location.constructionMethod}`);
  let total = 0;
  const parts = location.extents.map(({ offset, length }) => {
    // A zero length means "to the end of the source".
    const end = length === 0 ? source.length : offset + length;
    if (offset > source.length || end > source.length) fail(`item ${id}'s data lies outside the file`);
    total += end - offset;
    if (total > maxBytes) fail(`item ${id}'s data is larger than ${maxBytes} bytes`);
    return source.subarray(offset, end);
  });
  return Buffer.concat(parts);
}
