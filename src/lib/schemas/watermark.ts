import { z } from "zod";

export const WATERMARK_CORNERS = ["TOP_LEFT", "TOP_RIGHT", "BOTTOM_LEFT", "BOTTOM_RIGHT"] as const;
export type WatermarkCorner = (typeof WATERMARK_CORNERS)[number];

export const CORNER_LABELS: Record<WatermarkCorner, string> = {
  TOP_LEFT: "Top left",
  TOP_RIGHT: "Top right",
  BOTTOM_LEFT: "Bottom left",
  BOTTOM_RIGHT: "Bottom right",
};

/** The settings page's watermark form. An empty text means no watermark. */
export const watermarkSchema = z.object({
  text: z
    .string()
    .trim()
    .max(60, "Keep the watermark to 60 characters")
    .refine((v) => !/\p{Cc}/u.test(v), "The watermark has characters that are not allowed"),
  corner: z.enum(WATERMARK_CORNERS, { error: "Choose a corner" }),
  opacity: z.coerce
    .number({ error: "Give the opacity as a number" })
    .int("Give the opacity as a whole number")
    .min(10, "The opacity is 10 % at least")
    .max(100, "The opacity is 100 % at most"),
});

export type WatermarkInput = z.infer<typeof watermarkSchema>;
