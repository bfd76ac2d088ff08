import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { listPhotos } from "@/server/data/list-photos";
import { AlbumPager } from "@/components/albums/album-pager";
import { AlbumsPanel } from "@/components/organize/albums-panel";
import { OrganizeWorkspace } from "@/components/organize/organize-workspace";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

export const metadata: Metadata = {
  title: "Organise photos",
  robots: { index: false, follow: false },
};

export default async function OrganizePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/organize");

  const raw = (await searchParams).cursor;
  const cursor = (Array.isArray(raw) ? raw[0] : raw) ?? null;
  // Newest first, every visibility: listPhotos shows the owner all of their own ready photos.
  const [page, albums] = await Promise.all([
    listPhotos(user, { kind: "stream", ownerId: user.id }, { cursor }),
    listOwnAlbums(user),
  ]);

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-foreground">Organise your photos</h1>
          <p className="mt-1 text-muted">
            Select photos to move them into an album, choose who sees them, or delete them.
          </p>
        </div>
        <Link
          href={`/people/${encodeURIComponent(user.handle)}`}
          className={buttonClasses("secondary", "sm")}
        >
          Your photostream
        </Link>
      </header>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          {page.photos.length === 0 ? (
            <EmptyState
              icon={<PhotoIcon />}
              title={cursor ? "No more photos" : "No photos to organise yet"}
              actions={
                <Link href={cursor ? "/organize" : "/upload"} className={buttonClasses("primary", "md")}>
                  {cursor ? "Back to the newest" : "Upload photos"}
                </Link>
              }
            />
          ) : (
            // A new page starts with nothing selected.
            <OrganizeWorkspace key={cursor ?? "newest"} photos={page.photos} albums={albums} />
          )}
          <AlbumPager basePath="/organize" cursor={cursor} nextCursor={page.nextCursor} />
        </div>
        <AlbumsPanel albums={albums} />
      </div>
    </div>
  );
}
