// A pinhole camera seen head-on: a rounded body with a single small aperture.
export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="9" className="fill-accent" />
      <circle cx="16" cy="16" r="8.5" fill="none" strokeWidth="2.5" className="stroke-accent-contrast" />
      <circle cx="16" cy="16" r="2.5" className="fill-accent-contrast" />
    </svg>
  );
}
