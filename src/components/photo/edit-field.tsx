import { describedBy, fieldClasses } from "@/components/upload/field-styles";
import { FieldError } from "@/components/upload/field-error";

interface EditFieldProps {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  error?: string;
  hint?: string;
  multiline?: boolean;
  /** A select of these instead of a text input. */
  options?: { value: string; label: string }[];
}

// One labelled, uncontrolled field of the edit form: its error beside it (`<id>-error`, pointed at
// by aria-describedby), the way every form on the site does it.
export function EditField({
  id,
  name,
  label,
  defaultValue,
  error,
  hint,
  multiline,
  options,
}: EditFieldProps) {
  const shared = {
    id,
    name,
    defaultValue,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, hint),
  };
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        {label}
      </label>
      {options ? (
        <select {...shared} className={fieldClasses(!!error, "h-11")}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea {...shared} rows={4} className={fieldClasses(!!error, "min-h-24 py-2.5")} />
      ) : (
        <input {...shared} type="text" className={fieldClasses(!!error, "h-11")} />
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
