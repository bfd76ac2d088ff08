// Until people can upload a profile picture, show their initial on a tinted disc.
export function Avatar({ name, className = "size-7 text-sm" }: { name: string; className?: string }) {
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-semibold text-accent ${className}`}
    >
      {initial}
    </span>
  );
}
