import Link from "next/link";
import type { CurrentUser } from "@/server/auth/current-user";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LogoMark } from "@/components/ui/logo-mark";
import { buttonClasses } from "@/components/ui/button-styles";
import { HeaderSearch } from "./header-search";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";

// On phones the nav wraps onto its own row under the logo and account controls (one <nav>, moved
// with flex order), so nothing is hidden behind an extra tap.
export function SiteHeader({ user }: { user: CurrentUser | null }) {
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 sm:flex-nowrap sm:px-6">
        <Link
          href="/"
          className="-ml-1 inline-flex items-center gap-2 rounded-lg px-1 py-1 text-lg font-semibold tracking-tight text-foreground"
        >
          <LogoMark />
          <span>Pinhole</span>
        </Link>

        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full items-center gap-1 sm:order-none sm:mx-0 sm:w-auto"
        >
          <NavLink href="/">Explore</NavLink>
          {user ? <NavLink href="/feed">Feed</NavLink> : null}
          {user ? (
            <NavLink href="/upload">
              <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
                <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z" />
                <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
              </svg>
              Upload
            </NavLink>
          ) : null}
          {user ? <NavLink href="/favorites">Favorites</NavLink> : null}
          {user ? <NavLink href="/shared">Shared with me</NavLink> : null}
        </nav>

        <HeaderSearch />

        <div className="flex items-center gap-2">
          {user ? <NotificationBell /> : null}
          {user ? (
            <UserMenu displayName={user.displayName} handle={user.handle} isAdmin={user.role === "ADMIN"} />
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses("ghost", "sm")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClasses("primary", "sm")}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
