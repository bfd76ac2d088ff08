import Image from "next/image";
import { placeholderDataUrl } from "@/lib/thumbhash-placeholder";
import Link from "next/link";
import type { PersonAlbum } from "@/server/data/get-person";
import { PhotoIcon } from "@/components/ui/photo-icon";

const VISIBILITY_LABEL = { PRIVATE: "Private", SHARED: "Shared", PUBLIC: null } as const;

// A person's albums as cover cards linking to each album. The owner sees which are private or shared.
export function AlbumCards({ albums, showVisibility }: { albums: PersonAlbum[]; showVisibility: boolean }) {
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Albums">
      {albums.map((album) => {
        const badge = showVisibility ? VISIBILITY_LABEL[album.visibility] : null;
        return (
          <li key={album.id}>
            <AlbumCardLink album={album} badge={badge} />
          </li>
        );
      })}
    </ul>
  );
}

/** One album's cover card (cover, title, count, and a visibility badge when given), linking to it. */
export function AlbumCardLink({
  album,
  badge,
}: {
  album: Pick<PersonAlbum, "id" | "title" | "photoCount" | "cover">;
  badge: string | null;
}) {
  return (
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
            className="transition-transform duration-300 group-hover:scale-[1.03]"
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
  );
}
