import { z } from "zod";
import { LICENSES } from "@/lib/licenses";
import { parseTags } from "@/lib/tags";

const noControl = (v: string) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(v.replace(/[\n\r\t]/g, ""));

export const photoDetailsSchema = z.object({
  photoId: z.uuid({ error: "No such photo" }),
  title: z
    .string()
    .trim()
    .max(200, "Keep the title to 200 characters")
    .refine(noControl, "The title has characters that are not allowed"),
  description: z
    .string()
    // Browsers submit a textarea's line breaks as CRLF; store plain newlines.
    .transform((v) => v.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .trim()
        .max(5000, "Keep the description to 5 000 characters")
        .refine(noControl, "The description has characters that are not allowed"),
    ),
  tags: z.string().max(2000, "Too many tags").transform(parseTags),
  albumId: z.uuid({ error: "Choose one of your albums" }),
  /** "on" or "off" from the photo page's checkbox; absent (the upload page) leaves it as it is. */
  allowOriginal: z
    .enum(["on", "off"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "on")),
  /** Absent leaves it as it is (a new photo starts with its owner's default). */
  license: z.enum(LICENSES, { error: "Choose one of the licenses" }).optional(),
});
