"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { MAX_PEOPLE_PER_ADD, personRefSchema } from "@/lib/access";
import { getCurrentUser } from "@/server/auth/current-user";
import { sharePhotos } from "@/server/data/access/share-photos";
import { AppError } from "@/server/errors/app-error";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "../organize/bulk-input";
import { siteOrigin } from "@/server/http/site-origin";
import { invitedNote, namesList, SIGN_IN_TO_SHARE, unknownNote } from "./access-result";

const input = z.object({
  photoIds: photoIdsSchema,
  people: z
    .array(personRefSchema)
    .min(1, "Choose at least one person to share with")
    .max(MAX_PEOPLE_PER_ADD, `Share with at most ${MAX_PEOPLE_PER_ADD} people at a time`),
});

/** /organize's "Share with…": the selected photos, with the chosen people. */
export async function sharePhotosAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const parsed = input.safeParse({
    photoIds: formData.getAll("photoIds"),
    people: formData.getAll("people"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_TO_SHARE };
  const { photoIds, people } = parsed.data;
  let shared;
  try {
    // Ownership is per photo, in the data function's own query: others' ids match nothing.
    shared = await sharePhotos(user, photoIds, people, await siteOrigin());
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { error: error.message };
    throw error;
  }
  const notes = [
    shared.includedSelf ? "You can always see your own photos." : "",
    unknownNote(shared.unknown),
  ].filter(Boolean);
  if (shared.found === 0) return { error: "Those photos were not found." };
  const invited = invitedNote(shared.invited);
  if (shared.people.length === 0 && !invited) return { error: notes.join(" ") || "No such person." };
  revalidatePath("/", "layout");
  const publicNote =
    shared.stayedPublic > 0
      ? ` ${shared.stayedPublic === 1 ? "1 public photo stays" : `${shared.stayedPublic} public photos stay`} public: everyone can see ${shared.stayedPublic === 1 ? "it" : "them"} already.`
      : "";
  return {
    ok: true,
    message:
      (shared.people.length > 0
        ? `Shared ${photosWord(shared.found)} with ${namesList(shared.people.map((p) => p.displayName))}.`
        : `Shared ${photosWord(shared.found)}.`) +
      (invited ? ` ${invited}` : "") +
      publicNote +
      missingNote(new Set(photoIds).size, shared.found) +
      (notes.length > 0 ? ` ${notes.join(" ")}` : ""),
  };
}
