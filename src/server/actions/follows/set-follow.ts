"use server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { setFollow } from "@/server/data/follows/set-follow";
import { refusalMessage } from "../albums/action-error";

const input = z.object({ handle: z.string().trim().min(1).max(64), follow: z.boolean() });

export type SetFollowResult =
  { ok: true; following: boolean; followerCount: number } | { ok: false; error: string };

const SIGN_IN_TO_FOLLOW = "Sign in to follow people.";

/** The Follow/Following toggle on a photostream: the signed-in person follows or unfollows `handle`. */
export async function setFollowAction(raw: unknown): Promise<SetFollowResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such person" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_FOLLOW };
  let state;
  try {
    state = await setFollow(user, parsed.data.handle, parsed.data.follow);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  return { ok: true, following: state.following, followerCount: state.followerCount };
}
