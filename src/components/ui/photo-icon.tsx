export function PhotoIcon({ className = "size-6" }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      aria-hidden="true"
      className={className}
    >
      <rect x="3" y="4.5" width="18" height="15" rx="3" />
      <circle cx="9" cy="10" r="1.8" />
      <path
        d="m4 17.5 4.6-4.6a1.5 1.5 0 0 1 2.1 0l2.8 2.8m0 0 1.6-1.6a1.5 1.5 0 0 1 2.1 0L20 17"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
