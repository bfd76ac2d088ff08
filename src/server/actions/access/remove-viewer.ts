"use server";
import { z } from "zod";
import { accessTargetSchema } from "@/lib/access";
import { getCurrentUser } from "@/server/auth/current-user";
import { describeAccess } from "@/server/data/access/describe-access";
import { removeViewer } from "@/server/data/access/remove-viewer";
import { refusalMessage } from "../albums/action-error";
import { type AccessActionResult, SIGN_IN_TO_SHARE } from "./access-result";
import { revalidateAccess } from "./refresh-target";

const input = z.object({ target: accessTargetSchema, handle: z.string().trim().min(1).max(64) });

export async function removeViewerAction(raw: unknown): Promise<AccessActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "No such person" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  const { target, handle } = parsed.data;
  let removed;
  try {
    removed = await removeViewer(user, target, handle);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidateAccess(target);
  const state = await describeAccess(user, target);
  // Already gone (a second click, another tab) ends the same way: they are not a viewer.
  const who = removed ? removed.displayName : `@${handle.toLowerCase()}`;
  return { ok: true, message: `Removed ${who}. ${state.summary}.`, state };
}
