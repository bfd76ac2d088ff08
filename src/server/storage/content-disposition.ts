import "server-only";

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): a plain ASCII fallback for old clients and
 * the exact name for the rest. Quotes, backslashes and control characters never reach the header.
 */
export function attachmentDisposition(downloadName: string): string {
  const cleaned = downloadName.replace(/[\u0000-\u001f\u007f"\\/]/g, "_").trim() || "download";
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
