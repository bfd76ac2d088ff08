// Account input rules, shared by the server actions and (for hints) the forms.
import { z } from "zod";

// Handles become URLs (/people/<handle>); these would collide with routes or mislead people.
const RESERVED_HANDLES = new Set([
  "admin",
  "api",
  "settings",
  "upload",
  "sign-in",
  "sign-up",
  "sign-out",
  "people",
  "photos",
  "albums",
  "search",
  "tags",
  "feed",
  "favorites",
  "notifications",
  "explore",
  "about",
  "help",
  "pinhole",
  "root",
  "support",
  "security",
  "staff",
  "moderator",
  "me",
  "new",
  "s",
]);

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter a valid email address, like ana@example.com" }));

export const displayNameSchema = z
  .string({ error: "Enter a display name" })
  .trim()
  .min(1, "Enter a display name")
  .max(60, "Keep the display name to 60 characters")
  // Control and bidi-override characters can disguise a name as someone else's.
  .refine(
    (v) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(v),
    "The display name has characters that are not allowed",
  );

export const handleSchema = z
  .string({ error: "Choose a handle" })
  .trim()
  .toLowerCase()
  .min(3, "A handle has at least 3 characters")
  .max(30, "A handle has at most 30 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _, starting with a letter or digit")
  .refine((v) => !RESERVED_HANDLES.has(v), "That handle is reserved; choose another");

export const PASSWORD_MIN = 10;
export const passwordSchema = z
  .string({ error: "Choose a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, "Use at most 200 characters");

export const signUpSchema = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  handle: handleSchema,
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  // Any length: rules may have changed since the password was chosen.
  password: z.string().min(1, "Enter your password").max(1000, "Email or password is incorrect"),
});

/** A post-sign-in destination: only paths on this site, never another origin. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return fallback;
  }
  return value;
}
