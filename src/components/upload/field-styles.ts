// The look of TextField's input, shared by the upload page's inputs, textarea and selects.
export function fieldClasses(invalid: boolean, extra = ""): string {
  return (
    "w-full rounded-lg border bg-surface px-3.5 text-base text-foreground placeholder:text-muted " +
    "transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 " +
    (invalid ? "border-danger focus-visible:outline-danger " : "border-border-strong ") +
    extra
  );
}

/** aria-describedby for a field: its error first (read before the general advice), then its hint. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}
