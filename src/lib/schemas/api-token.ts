import { z } from "zod";

/** The settings page's "New token" form. */
export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what will use it")
    .max(100, "Keep the name to 100 characters")
    .refine((v) => !/\p{Cc}/u.test(v), "The name has characters that are not allowed"),
  access: z.enum(["read", "write"], { error: "Choose what the token may do" }),
  expiry: z.enum(["never", "30", "90"], { error: "Choose when the token expires" }),
});

/** How long a new token lasts, in days; null for a token that never expires. */
export function expiryDays(expiry: "never" | "30" | "90"): number | null {
  return expiry === "never" ? null : Number(expiry);
}
