// What a form's server action returns to the page: errors beside each field, or one for the form.
export interface FormState<Field extends string = string> {
  ok?: boolean;
  /** A message for the whole form (shown above the submit button). */
  error?: string;
  /** Errors keyed by the input's name, shown beside that input. */
  fieldErrors?: Partial<Record<Field, string>>;
  /** What happened, for a form that succeeded (shown in place of or under the form). */
  notice?: string;
  /** Values to put back into the inputs after a failed submit (never passwords). */
  values?: Partial<Record<Field, string>>;
}

export type SignUpField = "email" | "displayName" | "handle" | "password";
export type SignInField = "email" | "password";
export type ChangePasswordField = "currentPassword" | "newPassword";
export type ResetPasswordField = "password";
export type ChangeEmailField = "email" | "emailPassword";
export type PhotoDetailsField = "title" | "description" | "tags" | "albumId" | "allowOriginal" | "license";
export type ApiTokenField = "name" | "access" | "expiry" | "tokenPassword";
export type WatermarkField = "text" | "corner" | "opacity";

/** The watermark form's answer: how many photos are being redrawn. */
export interface WatermarkState extends FormState<WatermarkField> {
  queued?: number;
}

/** The new token, shown once by the settings page. */
export interface CreateApiTokenState extends FormState<ApiTokenField> {
  created?: { id: string; name: string; token: string };
}
