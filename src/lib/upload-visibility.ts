// What a new upload's visibility will be, said the same way by the upload page (before the upload
// starts) and by the server that stores it. Safe for the browser.
import type { Visibility } from "./access";

const rank: Record<Visibility, number> = { PRIVATE: 0, SHARED: 1, PUBLIC: 2 };

/** The one of two visibilities that lets fewer people in. */
export function stricterVisibility(a: Visibility, b: Visibility): Visibility {
  return rank[a] <= rank[b] ? a : b;
}

/**
 * A new upload's visibility: the person's default, made no wider than the album it goes into
 * (a Private album keeps its uploads private, a Shared one shares them only with its viewers).
 * The default album is the photostream: the default alone applies.
 */
export function uploadVisibility(
  defaultVisibility: Visibility,
  album: { isDefault: boolean; visibility: Visibility } | null,
): Visibility {
  if (!album || album.isDefault) return defaultVisibility;
  return stricterVisibility(defaultVisibility, album.visibility);
}

/** The visibility in a sentence, for the upload page and settings. */
export function describeUploadVisibility(visibility: Visibility): string {
  if (visibility === "PUBLIC") return "Public: anyone can see them";
  if (visibility === "SHARED") return "Shared: only people you name (and the album's viewers) can see them";
  return "Private: only you can see them";
}
