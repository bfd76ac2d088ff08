// The form-level message (e.g. "Wrong email or password"). role="alert" makes screen readers
// announce it as soon as it appears after a submit.
export function FormError({ message, id = "form-error" }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <p
      id={id}
      role="alert"
      data-testid="form-error"
      className="rounded-lg border border-danger/40 bg-danger-soft px-3.5 py-2.5 text-sm text-danger"
    >
      {message}
    </p>
  );
}
