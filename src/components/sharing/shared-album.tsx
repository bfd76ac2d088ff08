import Link from "next/link";
import type { SharedAlbumView } from "@/server/data/share-links/get-shared-album";
import type { SharedPhotoCard } from "@/server/data/share-links/list-shared-album-photos";
import { AlbumPager } from "@/components/albums/album-pager";
import { PhotoThumb } from "@/components/albums/photo-thumb";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";
import { ViewerLauncher } from "@/components/viewer/viewer-launcher";
import { SharedNote } from "./shared-photo";

// Four columns in the 6xl container (≈264 px each), three on tablets, two on phones.
const TILE_SIZES = "(min-width: 1152px) 264px, (min-width: 1024px) 24vw, (min-width: 640px) 32vw, 48vw";

interface SharedAlbumProps {
  album: SharedAlbumView;
  photos: SharedPhotoCard[];
  /** `/s/<token>`: each photo opens at `<basePath>/<photoId>`. */
  basePath: string;
  cursor: string | null;
  nextCursor: string | null;
}

// An album behind a share link: its title, description and photos; each photo opens under the same link.
export function SharedAlbum({ album, photos, basePath, cursor, nextCursor }: SharedAlbumProps) {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14" data-testid="shared-album">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight break-words text-foreground">{album.title}</h1>
        <p className="mt-2 text-sm text-muted">
          by <span className="font-medium text-foreground">{album.ownerName}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="shared-album-count">
            {album.photoCount} {album.photoCount === 1 ? "photo" : "photos"}
          </span>
        </p>
        {album.description ? (
          <p className="mt-4 max-w-3xl whitespace-pre-line text-foreground">{album.description}</p>
        ) : null}
        <div className="mt-3">
          <SharedNote />
        </div>
      </header>
      <section aria-label="Photos" className="mt-10">
        {photos[0] ? (
          <div className="mb-4 flex justify-end">
            <ViewerLauncher
              photos={photos.map(({ id, alt, mediaBase, width, height }) => ({
                id,
                alt,
                mediaBase,
                width,
                height,
              }))}
              startId={photos[0].id}
              mode="slideshow"
            />
          </div>
        ) : null}
        {photos.length === 0 ? (
          <EmptyState icon={<PhotoIcon />} title={cursor ? "No more photos" : "No photos here yet"} />
        ) : (
          <ul
            className="grid grid-cols-2 gap-2 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4"
            data-testid="shared-album-grid"
          >
            {photos.map((photo) => (
              <li key={photo.id} data-testid="shared-album-photo" data-photo-id={photo.id}>
                <Link
                  href={`${basePath}/${photo.id}`}
                  className="relative block aspect-square overflow-hidden rounded-lg bg-surface-muted"
                >
                  <PhotoThumb photo={photo} sizes={TILE_SIZES} />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <AlbumPager basePath={basePath} cursor={cursor} nextCursor={nextCursor} />
      </section>
    </div>
  );
}
