// Input shapes and results shared by the share-link actions (not actions themselves).
import { z } from "zod";
import { SHARE_LINK_EXPIRIES, type ShareLinkSummary } from "@/lib/share-links";

export const shareTargetSchema = z.union([
  z.strictObject({ photoId: z.uuid() }),
  z.strictObject({ albumId: z.uuid() }),
]);

export const SHARE_PASSWORD_MIN = 6;
export const SHARE_PASSWORD_MAX = 200;

export const createShareLinkSchema = z.object({
  target: shareTargetSchema,
  expiresIn: z.enum(SHARE_LINK_EXPIRIES),
  // Empty: no password.
  password: z
    .string()
    .max(SHARE_PASSWORD_MAX, `Keep the password to ${SHARE_PASSWORD_MAX} characters`)
    .refine((v) => v === "" || v.length >= SHARE_PASSWORD_MIN, {
      message: `Use at least ${SHARE_PASSWORD_MIN} characters, or leave it empty`,
    }),
});

export type ShareLinkActionResult<T> = ({ ok: true } & T) | { ok: false; error: string; field?: "password" };

export type CreateShareLinkResult = ShareLinkActionResult<{ link: ShareLinkSummary }>;
export type ListShareLinksResult = ShareLinkActionResult<{ links: ShareLinkSummary[] }>;
export type RevokeShareLinkResult = ShareLinkActionResult<object>;

export const SIGN_IN_TO_SHARE = "Your session has ended. Sign in again.";
