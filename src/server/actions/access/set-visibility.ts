"use server";
import { z } from "zod";
import { accessTargetSchema, visibilitySchema } from "@/lib/access";
import { getCurrentUser } from "@/server/auth/current-user";
import { describeAccess } from "@/server/data/access/describe-access";
import { setVisibility } from "@/server/data/access/set-visibility";
import { refusalMessage } from "../albums/action-error";
import { type AccessActionResult, SIGN_IN_TO_SHARE } from "./access-result";
import { revalidateAccess } from "./refresh-target";

const input = z.object({ target: accessTargetSchema, visibility: visibilitySchema });

const said = { PUBLIC: "Public", SHARED: "Shared with people", PRIVATE: "Private" } as const;

export async function setVisibilityAction(raw: unknown): Promise<AccessActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid request" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  const { target, visibility } = parsed.data;
  try {
    await setVisibility(user, target, visibility);
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
  revalidateAccess(target);
  const state = await describeAccess(user, target);
  return { ok: true, message: `${said[visibility]}. ${state.summary}.`, state };
}
