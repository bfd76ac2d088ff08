import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <span className="font-medium text-foreground">Pinhole</span> · share the photos you love.
        </p>
        <nav aria-label="Footer">
          <ul className="flex gap-4">
            <li>
              <Link href="/" className="hover:text-foreground hover:underline">
                Explore
              </Link>
            </li>
            <li>
              <Link href="/settings" className="hover:text-foreground hover:underline">
                Settings
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
