"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import type { PhotoCard, PhotoPage } from "@/lib/photo-card";
import { buttonClasses } from "@/components/ui/button-styles";
import { Spinner } from "@/components/ui/spinner";
import { JustifiedGrid } from "./justified-grid";
import { fetchPhotoPage, type PhotoSource } from "./photo-source";

export interface InfinitePhotoGridProps {
  source: PhotoSource;
  /** The first page, rendered on the server. */
  initialPage: PhotoPage;
  /** Names the list for screen readers, e.g. "Photos by Ada". */
  label: string;
  /**
   * Part of the cache key besides `source`: whatever else changes what the server answers (the
   * viewer's id for a photostream, so one person's private photos never show for another in a tab).
   */
  cacheKey?: string;
  /** Fetches the page after `cursor` (the first for null); GET /api/photos for `source` by default. */
  fetchPage?: (cursor: string | null, signal: AbortSignal) => Promise<PhotoPage>;
  /** Where each tile links; the photo's page by default. */
  hrefFor?: (card: PhotoCard) => string;
  showVisibility?: boolean;
  showOwner?: boolean;
}

/**
 * A justified grid that loads the next page as the reader nears its end (an IntersectionObserver on
 * a sentinel below it) and with a "Load more photos" button, for keyboards and for when the
 * observer cannot fire. Pages come by keyset cursor, so photos added meanwhile never shift or repeat
 * what is already shown; they appear on the next visit.
 */
export function InfinitePhotoGrid({
  source,
  initialPage,
  label,
  cacheKey = "",
  fetchPage,
  hrefFor,
  showVisibility,
  showOwner,
}: InfinitePhotoGridProps) {
  const query = useInfiniteQuery({
    queryKey: ["photos", source, cacheKey],
    queryFn: ({ pageParam, signal }) =>
      fetchPage ? fetchPage(pageParam, signal) : fetchPhotoPage(source, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: PhotoPage) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    // The server has just rendered the first page: no refetch on mount, nor on every focus.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  const { data, hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;

  const photos = useMemo(() => {
    // A refetch after staleTime can move a photo between pages; never show it twice.
    const seen = new Set<string>();
    return data.pages.flatMap((page) =>
      page.photos.filter((card) => (seen.has(card.id) ? false : (seen.add(card.id), true))),
    );
  }, [data.pages]);

  const list = useRef<HTMLUListElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [nearEnd, setNearEnd] = useState(false);
  // After "Load more", focus moves to the first new photo, so keyboard users carry on from there.
  const focusFrom = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => setNearEnd(entry?.isIntersecting ?? false), {
      rootMargin: "0px 0px 800px 0px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Re-checked whenever a page lands: if the sentinel is still in view (short pages, tall screens),
  // the next page follows. An error stops the loop until the reader asks again.
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage && !isError)
      void fetchNextPage({ cancelRefetch: false });
  }, [nearEnd, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const count = photos.length;
  const previousCount = useRef(count);
  useEffect(() => {
    if (count > previousCount.current) {
      setAnnouncement(`${count - previousCount.current} more photos loaded, ${count} in all.`);
      const from = focusFrom.current;
      if (from !== null && from < count) {
        list.current?.querySelectorAll<HTMLAnchorElement>("li > a")[from]?.focus();
      }
      focusFrom.current = null;
    }
    previousCount.current = count;
  }, [count]);

  // Also while the observer's fetch is on its way (reaching the button brings the sentinel into
  // view): that page is the one the reader asked for, and focus follows it when it lands.
  function loadMore() {
    focusFrom.current = count;
    if (!isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
  }

  return (
    <div>
      <JustifiedGrid
        photos={photos}
        label={label}
        hrefFor={hrefFor}
        showVisibility={showVisibility}
        showOwner={showOwner}
        listRef={list}
      />
      <div ref={sentinel} aria-hidden="true" className="h-px" />
      <div className="mt-6 flex flex-col items-center gap-3 text-sm text-muted">
        {isError ? (
          <p className="text-danger">Couldn&rsquo;t load more photos. Check your connection and try again.</p>
        ) : null}
        {hasNextPage ? (
          <button
            type="button"
            onClick={loadMore}
            // aria-disabled rather than disabled, so focus stays on the button while it loads.
            aria-disabled={isFetchingNextPage || undefined}
            className={buttonClasses("secondary", "md")}
          >
            {isFetchingNextPage ? <Spinner /> : null}
            {isFetchingNextPage ? "Loading photos…" : isError ? "Try again" : "Load more photos"}
          </button>
        ) : data.pages.length > 1 ? (
          <p>That&rsquo;s all of them.</p>
        ) : null}
        <p role="status" className="sr-only">
          {announcement}
        </p>
      </div>
    </div>
  );
}
