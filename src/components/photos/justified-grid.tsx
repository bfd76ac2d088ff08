"use client";

import { useRouter } from "next/navigation";
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type Ref } from "react";
import type { PhotoCard } from "@/lib/photo-card";
import { clampedAspect, justifyRows, targetRowHeight } from "./justified-layout";
import { PhotoTile } from "./photo-tile";

export interface JustifiedGridProps {
  photos: readonly PhotoCard[];
  /** Where each tile links; the photo's page by default. */
  hrefFor?: (card: PhotoCard) => string;
  /** Names the list for screen readers, e.g. "Photos by Ada". */
  label: string;
  /** Mark private and shared photos with a badge (the owner viewing their own photos). */
  showVisibility?: boolean;
  /** Show each photo's owner in its caption (grids of many people's photos). */
  showOwner?: boolean;
  /** How many tiles at the top load eagerly (they are likely in the first screen). */
  eagerCount?: number;
  listRef?: Ref<HTMLUListElement>;
}

const GAP = 4;
const defaultHref = (card: PhotoCard) => `/photos/${card.id}`;

/**
 * Photos in justified rows. The rows are computed from each photo's size and the list's width,
 * measured with a ResizeObserver. Before that (the server render, and without JavaScript) the same
 * list is laid out by CSS alone: flex items that grow in proportion to their aspect ratio, which also
 * gives rows of equal height, just with less careful breaks; a filler keeps the last row unstretched.
 */
export function JustifiedGrid({
  photos,
  hrefFor = defaultHref,
  label,
  showVisibility = false,
  showOwner = false,
  eagerCount = 8,
  listRef,
}: JustifiedGridProps) {
  const [width, setWidth] = useState<number | null>(null);
  const measured = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const prefetched = useRef(new Set<string>());

  // Tiles do not prefetch as they appear (see PhotoTile); the photo under the pointer or keyboard
  // focus does, once, so opening it is as quick as with Next's default.
  function prefetchFrom(target: EventTarget) {
    const href = target instanceof Element ? target.closest("a[href]")?.getAttribute("href") : null;
    if (!href || prefetched.current.has(href)) return;
    prefetched.current.add(href);
    router.prefetch(href);
  }

  // Measured before the first paint after hydration, so the CSS layout is only ever seen before
  // JavaScript runs.
  useLayoutEffect(() => {
    const element = measured.current;
    if (!element) return;
    const read = (w: number) => setWidth(Math.floor(w));
    read(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) read(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = useMemo(
    () =>
      width
        ? justifyRows(photos, { containerWidth: width, targetHeight: targetRowHeight(width), gap: GAP })
        : null,
    [photos, width],
  );

  const styles: { style: CSSProperties; widths: number[]; sizes: string }[] = rows
    ? rows.flatMap((row) =>
        row.widths.map((w, i) => ({
          // A hair narrower than computed, and the row's last tile grows into what is left, so
          // rounding never wraps a tile onto the next line.
          style: {
            width: `${Math.max(1, w - 0.02)}px`,
            height: `${row.height}px`,
            flexGrow: !row.partial && i === row.widths.length - 1 ? 1 : 0,
          },
          widths: [w],
          sizes: `${Math.ceil(w)}px`,
        })),
      )
    : photos.map((card) => {
        const aspect = clampedAspect(card);
        return {
          style: {
            flexGrow: aspect,
            flexBasis: `calc(${aspect} * var(--row-height))`,
            aspectRatio: String(aspect),
          },
          // The CSS rows stretch a little past the target height; these are generous guesses.
          widths: [aspect * 160, aspect * 260],
          sizes: `(max-width: 640px) ${Math.round(aspect * 160)}px, ${Math.round(aspect * 260)}px`,
        };
      });

  return (
    <div ref={measured} className="w-full">
      <ul
        ref={listRef}
        aria-label={label}
        onPointerOver={(event) => prefetchFrom(event.target)}
        onFocus={(event) => prefetchFrom(event.target)}
        className={
          "flex flex-wrap items-start gap-1 [--row-height:140px] sm:[--row-height:220px]" +
          (rows ? "" : " after:grow-[1000000] after:basis-0 after:content-['']")
        }
      >
        {photos.map((card, index) => (
          <PhotoTile
            key={card.id}
            card={card}
            href={hrefFor(card)}
            style={styles[index]!.style}
            widths={styles[index]!.widths}
            sizes={styles[index]!.sizes}
            showVisibility={showVisibility}
            showOwner={showOwner}
            eager={index < eagerCount}
          />
        ))}
      </ul>
    </div>
  );
}
