"use server";
import { z } from "zod";
import { accessTargetSchema, MAX_PEOPLE_PER_ADD, personRefSchema } from "@/lib/access";
import { getCurrentUser } from "@/server/auth/current-user";
import { addViewers } from "@/server/data/access/add-viewers";
import { describeAccess } from "@/server/data/access/describe-access";
import { AppError } from "@/server/errors/app-error";
import { refusalMessage } from "../albums/action-error";
import { siteOrigin } from "@/server/http/site-origin";
import {
  type AccessActionResult,
  invitedNote,
  namesList,
  SIGN_IN_TO_SHARE,
  unknownNote,
} from "./access-result";
import { revalidateAccess } from "./refresh-target";

const input = z.object({
  target: accessTargetSchema,
  people: z
    .array(personRefSchema)
    .min(1, "Type a name, a handle or an email")
    .max(MAX_PEOPLE_PER_ADD, `Add at most ${MAX_PEOPLE_PER_ADD} people at a time`),
});

export async function addViewersAction(raw: unknown): Promise<AccessActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid request" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  const { target, people } = parsed.data;
  let added;
  try {
    added = await addViewers(user, target, people, await siteOrigin());
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited")
      return { ok: false, error: error.message };
    return { ok: false, error: refusalMessage(error) };
  }
  if (added.people.length > 0 || added.invited.length > 0) revalidateAccess(target);
  const state = await describeAccess(user, target);
  const notes = [
    added.includedSelf ? "You can always see your own photos." : "",
    unknownNote(added.unknown),
  ].filter(Boolean);
  const invited = invitedNote(added.invited);
  if (added.people.length === 0 && !invited)
    return { ok: false, error: notes.join(" ") || "No such person.", state };
  const message = [
    added.people.length > 0 ? `Added ${namesList(added.people.map((p) => p.displayName))}.` : "",
    invited,
    ...notes,
    `${state.summary}.`,
  ];
  return { ok: true, message: message.filter(Boolean).join(" "), state };
}
