import "server-only";

// Local disk keeps no metadata beside the bytes; the key's extension says what they are.
const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
  heif: "image/heif",
  tif: "image/tiff",
  tiff: "image/tiff",
  json: "application/json",
  txt: "text/plain; charset=utf-8",
};

export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf(".");
  const ext = dot === -1 ? "" : key.slice(dot + 1).toLowerCase();
  return TYPES[ext] ?? "application/octet-stream";
}
