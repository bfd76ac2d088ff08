"use server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { type FavoriteState, setFavorite } from "@/server/data/favorites/set-favorite";
import { refused, SIGN_IN_FIRST, type SocialResult } from "../social-result";

const input = z.object({ photoId: z.uuid(), favorited: z.boolean() });

/** Favorites or un-favorites a photo the caller can see; returns the new state and count. */
export async function setFavoriteAction(raw: unknown): Promise<SocialResult<FavoriteState>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such photo" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_FIRST };
  try {
    return { ok: true, ...(await setFavorite(user, parsed.data.photoId, parsed.data.favorited)) };
  } catch (error) {
    return refused(error);
  }
}
