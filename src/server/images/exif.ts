import "server-only";
import exifr from "exifr";

export interface PhotoExif {
  camera: { make?: string; model?: string };
  lens?: string;
  exposure: {
    /** "1/250" below a second, "2.5" from a second up. */
    exposureTime?: string;
    fNumber?: number;
    iso?: number;
    /** Millimetres, as the camera recorded it (not 35 mm equivalent). */
    focalLength?: number;
  };
  /**
   * The camera's wall-clock time, stored as if it were UTC (EXIF rarely says which zone the clock was
   * in): format it with `timeZone: "UTC"` to show what the photographer's clock said.
   */
  takenAt?: Date;
  gps?: { latitude: number; longitude: number };
  /** Who made it and its copyright notice, as the file says (EXIF, else IPTC, else XMP dc:). */
  rights?: { creator?: string; copyright?: string };
}

const TAGS = [
  "Make",
  "Model",
  "LensMake",
  "LensModel",
  "ExposureTime",
  "FNumber",
  "ISO",
  "FocalLength",
  "DateTimeOriginal",
  "CreateDate",
  "GPSLatitude",
  "GPSLatitudeRef",
  "GPSLongitude",
  "GPSLongitudeRef",
];

const OPTIONS = {
  pick: TAGS,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  // Raw date strings: exifr's revived Dates depend on the server's time zone.
  reviveValues: false,
  translateValues: false,
};

const MAX_TEXT = 100;

// Creator and copyright live in three places; a second, narrow read takes them from IPTC and XMP,
// which the camera read above leaves off. Only text fields are read.
const RIGHTS_OPTIONS = {
  tiff: { pick: ["Artist", "Copyright"] },
  exif: false,
  gps: false,
  ifd1: false,
  interop: false,
  iptc: { pick: ["Byline", "CopyrightNotice"] },
  xmp: true,
  icc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  reviveValues: false,
  translateValues: false,
};
const MAX_RIGHTS_TEXT = 300;

/** The camera facts a photo page shows. Never throws: a file with bad or no EXIF gives what could be read. */
export async function readExif(input: string | Buffer): Promise<PhotoExif> {
  let tags: Record<string, unknown> = {};
  try {
    const parsed: unknown = await exifr.parse(input, OPTIONS);
    if (isRecord(parsed)) tags = parsed;
  } catch {
    // exifr already skips a damaged block and returns the rest (its silentErrors default); what throws
    // is a file it cannot read at all or a format it does not know: no EXIF, not a failed upload.
  }
  const make = text(tags.Make);
  const model = text(tags.Model);
  const lens = text(tags.LensModel);
  const exposureTime = formatExposure(positive(tags.ExposureTime));
  const fNumber = round(positive(tags.FNumber), 1);
  const iso = round(positive(Array.isArray(tags.ISO) ? tags.ISO[0] : tags.ISO), 0);
  const focalLength = round(positive(tags.FocalLength), 1);
  const takenAt = exifDate(tags.DateTimeOriginal) ?? exifDate(tags.CreateDate);
  const gps = coordinates(tags.latitude, tags.longitude);
  const rights = await readRights(input);
  return {
    camera: { ...(make && { make }), ...(model && { model }) },
    ...(lens && { lens }),
    exposure: {
      ...(exposureTime && { exposureTime }),
      ...(fNumber !== undefined && { fNumber }),
      ...(iso !== undefined && { iso }),
      ...(focalLength !== undefined && { focalLength }),
    },
    ...(takenAt && { takenAt }),
    ...(gps && { gps }),
    ...(rights && { rights }),
  };
}

async function readRights(input: string | Buffer): Promise<PhotoExif["rights"]> {
  let tags: Record<string, unknown> = {};
  try {
    const parsed: unknown = await exifr.parse(input, RIGHTS_OPTIONS);
    if (isRecord(parsed)) tags = parsed;
  } catch {
    // As for the camera facts: unreadable metadata is no credit, not a failed upload.
  }
  const creator = rightsText(tags.Artist) ?? rightsText(tags.Byline) ?? rightsText(tags.creator);
  const copyright = rightsText(tags.Copyright) ?? rightsText(tags.CopyrightNotice) ?? rightsText(tags.rights);
  if (!creator && !copyright) return undefined;
  return { ...(creator && { creator }), ...(copyright && { copyright }) };
}

// XMP gives a language alternative ({ lang, value }) or a list (dc:creator is a sequence).
function rightsText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts = value.map(rightsText).filter((v): v is string => v !== undefined);
    return parts.length > 0 ? parts.join(", ").slice(0, MAX_RIGHTS_TEXT) : undefined;
  }
  if (isRecord(value)) return rightsText(value.value);
  if (typeof value !== "string") return undefined;
  const clean = value
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean ? clean.slice(0, MAX_RIGHTS_TEXT) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // Cameras pad with NULs and spaces; some write binary junk, which is not worth keeping.
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean ? clean.slice(0, MAX_TEXT) : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

function round(value: number | undefined, digits: number): number | undefined {
  if (value === undefined) return undefined;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function formatExposure(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds < 1) {
    const denominator = Math.round(1 / seconds);
    // Shutter speeds are 1/n; a time like 0.4 s is not, and reads better as a decimal.
    if (Math.abs(1 / denominator - seconds) / seconds < 0.05) return `1/${denominator}`;
  }
  return String(Number(seconds.toFixed(seconds < 1 ? 2 : 1)));
}

function exifDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // "0000:00:00 00:00:00" and friends mean "clock not set".
  if (
    year < 1826 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  ) {
    return undefined;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function coordinates(latitude: unknown, longitude: unknown): PhotoExif["gps"] {
  if (typeof latitude !== "number" || typeof longitude !== "number") return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  // 0,0 is what a GPS without a fix writes, not a photo taken in the Gulf of Guinea.
  if (latitude === 0 && longitude === 0) return undefined;
  return { latitude, longitude };
}
