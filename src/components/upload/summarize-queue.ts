import type { UploadItem } from "./upload-item";

/** "3 of 30 uploaded, 1 failed". Cancelled files are left out of the count. */
export function summarizeQueue(items: readonly UploadItem[]): string {
  const counted = items.filter((i) => i.status !== "cancelled");
  if (counted.length === 0) return items.length > 0 ? "All uploads cancelled" : "";
  const ready = counted.filter((i) => i.status === "ready").length;
  const failed = counted.filter((i) => i.status === "failed").length;
  return `${ready} of ${counted.length} uploaded${failed > 0 ? `, ${failed} failed` : ""}`;
}
