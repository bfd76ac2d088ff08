// Share links as the owner's panel sees them, shared by the server actions and the client panel.

/** What a share link opens: one photo, or one album and the photos in it. */
export type ShareLinkTarget = { photoId: string } | { albumId: string };

/** How long a new link lasts. */
export const SHARE_LINK_EXPIRIES = ["never", "1d", "7d", "30d"] as const;
export type ShareLinkExpiry = (typeof SHARE_LINK_EXPIRIES)[number];

export const SHARE_LINK_EXPIRY_DAYS: Record<ShareLinkExpiry, number | null> = {
  never: null,
  "1d": 1,
  "7d": 7,
  "30d": 30,
};

/** One of the owner's links. Dates are ISO strings (this crosses to the client). */
export interface ShareLinkSummary {
  id: string;
  /** The secret part of `/s/<token>`: only ever sent to the link's owner. */
  token: string;
  createdAt: string;
  expiresAt: string | null;
  hasPassword: boolean;
  lastUsedAt: string | null;
}

export function shareLinkPath(token: string): string {
  return `/s/${token}`;
}
