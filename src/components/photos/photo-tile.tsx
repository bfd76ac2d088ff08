import Link from "next/link";
import type { CSSProperties } from "react";
import imageLoader, { mediaWidthFor } from "@/lib/image-loader";
import type { PhotoCard } from "@/lib/photo-card";
import { placeholderDataUrl } from "@/lib/thumbhash-placeholder";
import { HiddenBadge } from "@/components/moderation/hidden-badge";

export interface PhotoTileProps {
  card: PhotoCard;
  href: string;
  /** Size and flex rules from the grid. */
  style: CSSProperties;
  /** The widths (CSS px) the tile may be drawn at, and the `sizes` that says which applies when. */
  widths: readonly number[];
  sizes: string;
  /** Mark private and shared photos (the owner's own grid). */
  showVisibility: boolean;
  /** Show who took it on the hover/focus caption (explore: many people's photos). */
  showOwner: boolean;
  /** The first tiles on the page load at once; the rest when they come near the viewport. */
  eager: boolean;
}

const VISIBILITY_LABEL = { PRIVATE: "Private", SHARED: "Shared", PUBLIC: null } as const;

/**
 * The media ladder's rungs for a tile `widths` wide on 1×, 2× and 3× screens: what the browser needs
 * to pick from, and no more (next/image would list every rung on every tile).
 */
export function srcSetFor(mediaBase: string, widths: readonly number[]): { src: string; srcSet: string } {
  const rungs = [
    ...new Set(
      widths.flatMap((width) => [1, 2, 3].map((density) => mediaWidthFor(Math.ceil(width * density)))),
    ),
  ].sort((a, b) => a - b);
  const url = (rung: number) => imageLoader({ src: mediaBase, width: rung });
  return { src: url(rungs[0] ?? 500), srcSet: rungs.map((rung) => `${url(rung)} ${rung}w`).join(", ") };
}

// One photo of a grid: a link to its page. A plain <img> rather than next/image: a grid draws
// dozens, and each next/image tile costs several times the markup and render time (a srcset of
// every rung, an SVG blur wrapper), which the photostream's server render pays on every view. The
// ThumbHash placeholder is the link's background until the photo covers it. The image's alt names
// the link; the caption that appears on hover or focus repeats the title for the eye only.
export function PhotoTile({
  card,
  href,
  style,
  widths,
  sizes,
  showVisibility,
  showOwner,
  eager,
}: PhotoTileProps) {
  const badge = showVisibility ? VISIBILITY_LABEL[card.visibility] : null;
  const title = card.title.trim();
  const { src, srcSet } = srcSetFor(card.mediaBase, widths);
  const placeholder = placeholderDataUrl(card.thumbhash);
  return (
    <li style={style} className="relative" data-photo-id={card.id}>
      <Link
        href={href}
        // A grid has dozens of links; prefetching each as it scrolls into view would cost the server
        // a render per tile. The grid prefetches the one under the pointer or focus instead.
        prefetch={false}
        className="group photo-tile"
        style={placeholder ? { backgroundImage: `url(${placeholder})` } : undefined}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- see above: srcset from the media ladder */}
        <img
          src={src}
          srcSet={srcSet}
          sizes={sizes}
          alt={card.alt}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          draggable={false}
          className="photo-tile-img"
        />
        {title || showOwner ? (
          <span aria-hidden="true" className="photo-tile-caption">
            {title ? <span className="block truncate font-medium">{title}</span> : null}
            {showOwner ? (
              <span className="block truncate text-xs text-white/85">{card.owner.displayName}</span>
            ) : null}
          </span>
        ) : null}
        {badge ? (
          <span className="absolute top-1.5 left-1.5 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-white">
            {badge}
          </span>
        ) : null}
        {/* Only the owner is ever listed a hidden photo: no need to ask who is looking. */}
        {card.hidden ? (
          <span className="absolute top-1.5 right-1.5">
            <HiddenBadge />
          </span>
        ) : null}
      </Link>
    </li>
  );
}
