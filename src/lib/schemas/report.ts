import { z } from "zod";

/** Why something is reported: a fixed set, so the queue can group and count them. */
export const REPORT_REASONS = ["spam", "abuse", "copyright", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: "Spam",
  abuse: "Harassment or abuse",
  copyright: "Copyright infringement",
  other: "Something else",
};

export const REPORT_DETAILS_MAX_LENGTH = 1_000;
export const HIDE_REASON_MAX_LENGTH = 200;

export const reportTargetSchema = z.object({
  kind: z.enum(["photo", "comment"]),
  id: z.uuid({ error: "No such photo or comment" }),
});
export type ReportTarget = z.infer<typeof reportTargetSchema>;

export const reportInputSchema = z.object({
  target: reportTargetSchema,
  reason: z.enum(REPORT_REASONS, { error: "Choose a reason" }),
  details: z
    .string()
    .trim()
    .max(REPORT_DETAILS_MAX_LENGTH, `At most ${REPORT_DETAILS_MAX_LENGTH.toLocaleString("en")} characters`)
    .default(""),
});

/** What the owner is told when a moderator hides their photo or comment. */
export const hideReasonSchema = z
  .string()
  .trim()
  .min(1, "Say why it is hidden: the owner is told.")
  .max(HIDE_REASON_MAX_LENGTH, `At most ${HIDE_REASON_MAX_LENGTH} characters`);
