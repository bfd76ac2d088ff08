"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { shiftPhotosTakenAt } from "@/server/data/organize/shift-photos-taken-at";
import { SIGN_IN_ERROR } from "../albums/album-input";
import { type BulkState, missingNote, photoIdsSchema, photosWord } from "./bulk-input";

const minutesPer = { minutes: 1, hours: 60, days: 24 * 60 } as const;
// A camera's clock is wrong by minutes to years; a century bounds a typo, not a real correction.
const MAX_MINUTES = 100 * 366 * 24 * 60;

const shiftInput = z
  .object({
    photoIds: photoIdsSchema,
    amount: z.coerce
      .number({ error: "Type how far to shift, e.g. -2 or 3" })
      .int("Shift by whole minutes, hours or days")
      .refine((n) => n !== 0, "Type how far to shift, e.g. -2 or 3"),
    unit: z.enum(["minutes", "hours", "days"], { error: "Choose minutes, hours or days" }),
  })
  .transform((v) => ({ photoIds: v.photoIds, minutes: v.amount * minutesPer[v.unit] }))
  .refine((v) => Math.abs(v.minutes) <= MAX_MINUTES, { message: "Shift by at most 100 years" });

function describeShift(minutes: number): string {
  const abs = Math.abs(minutes);
  const [n, unit] =
    abs % minutesPer.days === 0
      ? [abs / minutesPer.days, "day"]
      : abs % minutesPer.hours === 0
        ? [abs / minutesPer.hours, "hour"]
        : [abs, "minute"];
  return `${n} ${unit}${n === 1 ? "" : "s"} ${minutes < 0 ? "earlier" : "later"}`;
}

export async function shiftPhotosTakenAtAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  const parsed = shiftInput.safeParse({
    photoIds: formData.getAll("photoIds"),
    amount: formData.get("amount"),
    unit: formData.get("unit"),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { photoIds, minutes } = parsed.data;
  const { shifted, undated } = await shiftPhotosTakenAt(user, photoIds, minutes);
  if (shifted === 0) {
    return {
      error: undated > 0 ? "None of those photos has a date taken to shift." : "Those photos were not found.",
    };
  }
  revalidatePath("/", "layout");
  const skipped =
    undated > 0
      ? ` ${photosWord(undated)} without a date taken ${undated === 1 ? "was" : "were"} left as ${undated === 1 ? "it was" : "they were"}.`
      : "";
  return {
    ok: true,
    message: `Moved the date taken of ${photosWord(shifted)} ${describeShift(minutes)}.${skipped}${missingNote(new Set(photoIds).size, shifted + undated)}`,
  };
}
