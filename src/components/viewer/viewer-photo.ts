/** What the full-screen viewer needs of one photo. */
export interface ViewerPhoto {
  id: string;
  /** The title, or "Photo by <name>". */
  alt: string;
  /** `/media/<id>/<version>` (with a share link's `?s=<token>` when opened through one). */
  mediaBase: string;
  width: number;
  height: number;
}
