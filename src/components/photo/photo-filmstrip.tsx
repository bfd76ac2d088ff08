import type { NeighborPhoto } from "@/server/data/get-photo-neighbors";
import { SmallThumbnail } from "@/components/photos/small-thumbnail";
import { FilmstripScroll } from "./filmstrip-scroll";
import { photoHref } from "./photo-links";

interface PhotoFilmstripProps {
  current: NeighborPhoto;
  before: NeighborPhoto[];
  after: NeighborPhoto[];
  albumId: string | null;
}

// The neighbouring photos of the stream or album as the pipeline's 50 px thumbnails. Plain links: a document load, like previous/next on the full
// page; the strip scrolls sideways by touch, and Tab walks it.
export function PhotoFilmstrip({ current, before, after, albumId }: PhotoFilmstripProps) {
  const strip = [...before.toReversed(), current, ...after];
  if (strip.length < 2) return null;
  return (
    <nav aria-label="Photos nearby" data-testid="filmstrip">
      <FilmstripScroll>
        {strip.map((photo) => {
          const isCurrent = photo.id === current.id;
          return (
            <li key={photo.id} className="shrink-0 snap-center">
              <a
                href={photoHref(photo.id, albumId)}
                aria-current={isCurrent ? "page" : undefined}
                aria-label={photo.alt}
                data-testid="filmstrip-item"
                className={`block overflow-hidden rounded-md outline-offset-2 ${
                  isCurrent ? "ring-2 ring-accent" : "opacity-70 hover:opacity-100 focus-visible:opacity-100"
                }`}
              >
                <SmallThumbnail mediaBase={photo.mediaBase} className="rounded-none" />
              </a>
            </li>
          );
        })}
      </FilmstripScroll>
    </nav>
  );
}
