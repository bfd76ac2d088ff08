import Image from "next/image";
import Link from "next/link";
import { placeholderDataUrl } from "@/lib/thumbhash-placeholder";
import type { CollectionView } from "@/server/data/collections/get-collection";
import { PhotoIcon } from "@/components/ui/photo-icon";
import { CollectionAlbumTools } from "./collection-owner-tools";

const VISIBILITY_LABEL = { PRIVATE: "Private", SHARED: "Shared", PUBLIC: null } as const;

// The collection's albums in its order, as cover cards; the owner gets the arranging buttons under each.
export function CollectionAlbums({ collection }: { collection: CollectionView }) {
  const { albums } = collection;
  const coverId = collection.coverAlbumId ?? albums[0]?.id;
  return (
    <ul
      className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4"
      aria-label="Albums"
      data-testid="collection-albums"
    >
      {albums.map((album, i) => {
        const badge = collection.isOwner ? VISIBILITY_LABEL[album.visibility] : null;
        return (
          <li key={album.id} data-testid="collection-album" data-album-id={album.id}>
            <Link href={`/albums/${album.id}`} prefetch={false} className="group block rounded-lg">
              <div className="relative aspect-[4/3] overflow-hidden rounded-lg bg-surface-muted">
                {album.cover ? (
                  <Image
                    src={album.cover.mediaBase}
                    // The album's title below names the link; the cover is decoration.
                    alt=""
                    fill
                    sizes="(max-width: 640px) 50vw, (max-width: 1024px) 33vw, 280px"
                    placeholder={album.cover.thumbhash ? "blur" : "empty"}
                    blurDataURL={placeholderDataUrl(album.cover.thumbhash) ?? undefined}
                    style={{ objectFit: "cover" }}
                  />
                ) : (
                  <div className="flex size-full items-center justify-center text-muted">
                    <PhotoIcon />
                  </div>
                )}
                {badge ? (
                  <span className="absolute top-1.5 left-1.5 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-white">
                    {badge}
                  </span>
                ) : null}
              </div>
              <p className="mt-2 truncate font-medium text-foreground group-hover:underline">{album.title}</p>
              <p className="text-sm text-muted">
                {album.photoCount.toLocaleString("en")} {album.photoCount === 1 ? "photo" : "photos"}
              </p>
            </Link>
            {collection.isOwner ? (
              <CollectionAlbumTools
                collectionId={collection.id}
                albumId={album.id}
                title={album.title}
                isCover={album.id === coverId}
                first={i === 0}
                last={i === albums.length - 1}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
