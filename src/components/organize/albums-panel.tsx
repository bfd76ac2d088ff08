import Link from "next/link";
import type { AlbumOption } from "@/server/data/list-own-albums";
import { CreateAlbumForm } from "@/components/albums/create-album-form";
import { SmallThumbnail } from "@/components/photos/small-thumbnail";

export function AlbumsPanel({ albums }: { albums: AlbumOption[] }) {
  return (
    <aside
      aria-labelledby="albums-heading"
      className="flex flex-col gap-6 self-start rounded-2xl border border-border bg-surface p-5"
      data-testid="albums-panel"
    >
      <div>
        <h2 id="albums-heading" className="text-lg font-semibold text-foreground">
          Albums
        </h2>
        <ul className="mt-3 flex flex-col gap-1">
          {albums.map((album) => (
            <li key={album.id}>
              <Link
                href={`/albums/${album.id}`}
                className="flex items-center gap-3 rounded-lg px-2 py-1.5 text-sm text-foreground hover:bg-surface-muted"
              >
                <SmallThumbnail mediaBase={album.coverMediaBase} />
                <span className="min-w-0 flex-1 truncate">{album.title}</span>
                {album.isDefault ? <span className="shrink-0 text-xs text-muted">default</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <div className="border-t border-border pt-5">
        <CreateAlbumForm />
      </div>
    </aside>
  );
}
