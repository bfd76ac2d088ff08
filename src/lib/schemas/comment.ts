import { z } from "zod";

export const COMMENT_MAX_LENGTH = 2_000;

/** A comment's text: trimmed, not empty, at most 2 000 characters (the message says how long it was). */
export const commentBodySchema = z
  .string()
  .trim()
  .min(1, "Write something before posting.")
  .superRefine((value, ctx) => {
    if (value.length > COMMENT_MAX_LENGTH) {
      ctx.addIssue({
        code: "custom",
        message: `Comments can be at most ${COMMENT_MAX_LENGTH.toLocaleString("en")} characters; this one has ${value.length.toLocaleString("en")}.`,
      });
    }
  });
