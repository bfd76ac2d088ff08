// The selection every bulk action receives, and what they report back (not actions themselves).
import { z } from "zod";

/** A page of the organise grid is 60 photos; this bounds a forged request, not a real one. */
export const MAX_BULK = 500;

export const photoIdsSchema = z
  .array(z.uuid({ error: "Some of the selected photos were not found" }))
  .min(1, "Select at least one photo")
  .max(MAX_BULK, `Select at most ${MAX_BULK} photos at a time`);

/** No control or bidi-override characters (line breaks and tabs allowed) in titles and descriptions. */
export const noControl = (v: string) =>
  !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(v.replace(/[\n\r\t]/g, ""));

export interface BulkState {
  ok?: boolean;
  error?: string;
  /** What happened, in words ("Moved 3 photos to “Lisbon”."). */
  message?: string;
}

export function photosWord(n: number): string {
  return `${n} photo${n === 1 ? "" : "s"}`;
}

/** "; 2 of them were not found" when fewer matched than were asked for. */
export function missingNote(asked: number, found: number): string {
  const missing = asked - found;
  return missing > 0 ? ` ${photosWord(missing)} ${missing === 1 ? "was" : "were"} not found.` : "";
}
