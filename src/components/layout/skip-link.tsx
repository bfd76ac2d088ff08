// Lets keyboard users jump past the header; hidden until it receives focus.
export function SkipLink() {
  return (
    <a
      href="#main"
      className={
        "sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-full " +
        "focus:bg-accent focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-accent-contrast"
      }
    >
      Skip to content
    </a>
  );
}
