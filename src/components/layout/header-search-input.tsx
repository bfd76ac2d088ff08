"use client";

import { usePathname, useSearchParams } from "next/navigation";

const inputClasses =
  "h-9 w-full rounded-full border border-border-strong bg-surface pr-3 pl-9 text-sm text-foreground placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-0";

/** The box itself, empty: also what shows before the browser has read the URL. */
export function SearchInput({ value = "" }: { value?: string }) {
  return (
    <input
      // A new search (another URL) resets the box to it.
      key={value}
      id="site-search"
      name="q"
      type="search"
      placeholder="Search photos"
      autoComplete="off"
      enterKeyHint="search"
      maxLength={200}
      defaultValue={value}
      data-testid="header-search"
      className={inputClasses}
    />
  );
}

/** On the results page the box keeps the words searched for; elsewhere it is empty. */
export function HeaderSearchInput() {
  const pathname = usePathname();
  const params = useSearchParams();
  return <SearchInput value={pathname === "/search" ? (params.get("q") ?? "") : ""} />;
}
