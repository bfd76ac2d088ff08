import { isLicense, LICENSE_CHOICES, licenseLabel, type License } from "@/lib/licenses";
import { describedBy, fieldClasses } from "./field-styles";
import { FieldError } from "./field-error";

interface LicenseSelectProps {
  id: string;
  /** "": the person's default license (from settings), which a new photo starts with. */
  value: License | "";
  onChange: (license: License | "") => void;
  error?: string;
}

export function LicenseSelect({ id, value, onChange, error }: LicenseSelectProps) {
  const hint = "Who may reuse this photo, and how.";
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        License
      </label>
      <select
        id={id}
        name="license"
        value={value}
        onChange={(event) => {
          const next = event.currentTarget.value;
          onChange(isLicense(next) ? next : "");
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={fieldClasses(!!error, "h-11")}
      >
        <option value="">Your default (Settings)</option>
        {LICENSE_CHOICES.map((l) => (
          <option key={l.id} value={l.id}>
            {licenseLabel(l.id)}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
      <p id={`${id}-hint`} className="text-sm text-muted">
        {hint}
      </p>
    </div>
  );
}
