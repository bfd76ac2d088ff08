import type { CollectionView } from "@/server/data/collections/get-collection";
import { AlbumCardLink } from "@/components/people/album-cards";
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
            <AlbumCardLink album={album} badge={badge} />
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
