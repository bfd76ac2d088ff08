import type { InputHTMLAttributes, ReactNode } from "react";

interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "name" | "aria-invalid" | "aria-describedby"
> {
  /** Used as both the input's name and id; error and hint ids derive from it. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

// One labelled input with its hint and error. The error element's id is `<name>-error` and the
// hint's is `<name>-hint`; the input points at both through aria-describedby (error first, so it
// is read before the general advice).
export function TextField({ name, label, hint, error, className = "", ...inputProps }: TextFieldProps) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={name} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={
          "h-11 w-full rounded-lg border bg-surface px-3.5 text-base text-foreground placeholder:text-muted " +
          "transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 " +
          (error ? "border-danger focus-visible:outline-danger " : "border-border-strong ") +
          className
        }
        {...inputProps}
      />
      {error ? (
        <p id={errorId} className="field-error flex items-start gap-1.5 text-sm text-danger">
          <svg viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0" fill="currentColor" aria-hidden="true">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
