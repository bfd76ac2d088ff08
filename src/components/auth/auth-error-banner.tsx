import { describeAuthError } from "./describe-auth-error";

// An error carried in the URL (e.g. after an OAuth round trip), shown above the form.
export function AuthErrorBanner({ code }: { code: string | undefined }) {
  if (!code) return null;
  return (
    <p
      role="alert"
      data-testid="auth-error"
      className="rounded-lg border border-danger/40 bg-danger-soft px-3.5 py-2.5 text-sm text-danger"
    >
      {describeAuthError(code)}
    </p>
  );
}
