// A labelled textarea in TextField's look, with the same error/hint wiring (`<id>-error`).
export function DescriptionField({
  id,
  name = "description",
  label = "Description",
  defaultValue,
  error,
}: {
  id: string;
  name?: string;
  label?: string;
  defaultValue?: string;
  error?: string;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={
          "min-h-11 w-full rounded-lg border bg-surface px-3.5 py-2.5 text-base text-foreground placeholder:text-muted " +
          "transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 " +
          (error ? "border-danger focus-visible:outline-danger" : "border-border-strong")
        }
      />
      {error ? (
        <p id={errorId} className="field-error text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
