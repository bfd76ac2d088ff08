// What a grid needs to draw one photo, shared by server data functions and client grids.
export interface PhotoCard {
  id: string;
  title: string;
  /** Upright pixel size of the original: the grid keeps this aspect ratio. */
  width: number;
  height: number;
  /** `src` for next/image with the custom loader: `/media/<id>/<secret>`. */
  mediaBase: string;
  /** The base64 ThumbHash shown while the image loads (src/lib/thumbhash-placeholder.ts renders it). */
  thumbhash: string | null;
  /** The title, or "Photo by <name>" when it has none. */
  alt: string;
  owner: { handle: string; displayName: string };
  visibility: "PUBLIC" | "PRIVATE" | "SHARED";
  createdAt: string;
  /** Hidden by a moderator: set on the owner's photostream and album grids, the only ones listing it. */
  hidden?: true;
}

export interface PhotoPage {
  photos: PhotoCard[];
  /** Opaque: pass back as `before` for the next page; null at the end. */
  nextCursor: string | null;
}
