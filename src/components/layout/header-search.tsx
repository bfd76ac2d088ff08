import { Suspense } from "react";
import { HeaderSearchInput, SearchInput } from "./header-search-input";

// A plain GET form: works before JavaScript loads, and reads nothing from the request (the header is
// also rendered for the cached anonymous pages).
export function HeaderSearch() {
  return (
    <form
      role="search"
      aria-label="Site"
      action="/search"
      method="get"
      className="relative min-w-0 flex-1 sm:ml-auto sm:max-w-xs"
    >
      <label htmlFor="site-search" className="sr-only">
        Search photos
      </label>
      <svg
        viewBox="0 0 20 20"
        fill="currentColor"
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
      >
        <path
          fillRule="evenodd"
          d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.452 4.391l3.328 3.329a.75.75 0 1 1-1.06 1.06l-3.329-3.328A7 7 0 0 1 2 9Z"
          clipRule="evenodd"
        />
      </svg>
      {/* The URL is read in the browser: the pages cached for anonymous visitors stay one rendering. */}
      <Suspense fallback={<SearchInput />}>
        <HeaderSearchInput />
      </Suspense>
    </form>
  );
}
