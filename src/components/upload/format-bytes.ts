const UNITS = ["KB", "MB", "GB"] as const;

// Binary units with the familiar labels (a 50 MiB limit reads "50 MB", as the server says it).
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit: (typeof UNITS)[number] = "KB";
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  // One decimal below 100 (1.4 MB), whole numbers above (250 MB); no trailing ".0".
  const step = value < 100 ? 10 : 1;
  return `${Math.round(value * step) / step} ${unit}`;
}

/** Whole megabytes, rounded up, as in the server's "too large: 61 MB, the limit is 50 MB". */
export function formatMegabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}
