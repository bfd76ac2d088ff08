"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

// A client component only so it can mark the current page with aria-current.
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);

  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        "inline-flex h-9 items-center gap-1.5 rounded-full px-3 text-sm font-medium transition-colors " +
        (current
          ? "bg-surface-muted text-foreground"
          : "text-muted hover:bg-surface-muted hover:text-foreground")
      }
    >
      {children}
    </Link>
  );
}
