import type { AlbumChoice } from "./album-choice";
import { describedBy, fieldClasses } from "./field-styles";
import { FieldError } from "./field-error";

interface AlbumSelectProps {
  id: string;
  name?: string;
  label: string;
  albums: readonly AlbumChoice[];
  value: string;
  onChange: (albumId: string) => void;
  error?: string;
  hint?: string;
  className?: string;
}

export function AlbumSelect({
  id,
  name,
  label,
  albums,
  value,
  onChange,
  error,
  hint,
  className = "",
}: AlbumSelectProps) {
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={fieldClasses(!!error, "h-11")}
      >
        {albums.map((album) => (
          <option key={album.id} value={album.id}>
            {album.title}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
