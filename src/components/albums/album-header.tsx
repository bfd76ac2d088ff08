import Link from "next/link";
import type { AlbumView } from "@/server/data/albums/get-album";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";

const visibilityLabel = { PUBLIC: "Public", PRIVATE: "Private", SHARED: "Shared" } as const;

export function AlbumHeader({ album }: { album: AlbumView }) {
  return (
    <header>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="text-3xl font-semibold tracking-tight break-words text-foreground">{album.title}</h1>
        {album.isOwner ? <Badge>{visibilityLabel[album.visibility]}</Badge> : null}
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
        <Link
          href={`/people/${encodeURIComponent(album.owner.handle)}`}
          className="inline-flex items-center gap-2 font-medium text-foreground hover:underline"
          data-testid="album-owner"
        >
          <Avatar name={album.owner.displayName} className="size-6 text-xs" />
          {album.owner.displayName}
        </Link>
        <span aria-hidden="true">·</span>
        <span data-testid="album-count">
          {album.photoCount} {album.photoCount === 1 ? "photo" : "photos"}
        </span>
      </p>
      {album.description ? (
        <p className="mt-4 max-w-3xl whitespace-pre-line text-foreground" data-testid="album-description">
          {album.description}
        </p>
      ) : null}
    </header>
  );
}
