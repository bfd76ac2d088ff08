import { describedBy, fieldClasses } from "./field-styles";
import { FieldError } from "./field-error";

interface DetailsFieldProps {
  /** Unique on the page (each queued photo has its own form), unlike `name`. */
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  className?: string;
}

// A labelled text input or textarea, controlled by the upload queue so edits survive navigation.
export function DetailsField({
  id,
  name,
  label,
  value,
  onChange,
  error,
  hint,
  multiline = false,
  className = "",
}: DetailsFieldProps) {
  const shared = {
    id,
    name,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, hint),
  };
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        {label}
      </label>
      {multiline ? (
        <textarea
          {...shared}
          rows={2}
          onChange={(event) => onChange(event.currentTarget.value)}
          className={fieldClasses(!!error, "min-h-11 py-2.5")}
        />
      ) : (
        <input
          {...shared}
          type="text"
          onChange={(event) => onChange(event.currentTarget.value)}
          className={fieldClasses(!!error, "h-11")}
        />
      )}
      <FieldError id={`${id}-error`} message={error} />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
