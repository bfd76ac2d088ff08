import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MAX_BULK } from "@/server/actions/organize/bulk-input";
import { getCurrentUser } from "@/server/auth/current-user";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { listOrganizePhotos } from "@/server/data/organize/list-organize-photos";
import { getLastBatch } from "@/server/data/organize/undo-last-batch";
import { AlbumPager } from "@/components/albums/album-pager";
import { AlbumsPanel } from "@/components/organize/albums-panel";
import { OrganizeFilters, type OrganizeFilterValues } from "@/components/organize/organize-filters";
import { OrganizeWorkspace } from "@/components/organize/organize-workspace";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

export const metadata: Metadata = {
  title: "Organise photos",
  robots: { index: false, follow: false },
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** A `YYYY-MM-DD` from a date input as the start of that day (UTC), or null. */
function day(value: string, plusDays = 0): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  if (!Number.isFinite(date.getTime())) return null;
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

export default async function OrganizePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/organize");

  const query = await searchParams;
  const cursor = first(query.cursor) || null;
  const filter: OrganizeFilterValues = {
    album: first(query.album),
    q: first(query.q),
    from: first(query.from),
    to: first(query.to),
  };
  const filtered = Object.values(filter).some(Boolean);
  // Newest upload first, every visibility; the filter narrows it ("to" includes its whole day).
  const [page, albums, lastBatch] = await Promise.all([
    listOrganizePhotos(
      user,
      { albumId: filter.album || null, q: filter.q, from: day(filter.from), to: day(filter.to, 1) },
      { cursor, maxIds: MAX_BULK },
    ),
    listOwnAlbums(user),
    getLastBatch(user),
  ]);
  const keep = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-foreground">Organise your photos</h1>
          <p className="mt-1 text-muted">
            Select photos to edit their details, move them into an album, choose who sees them, or delete
            them.
          </p>
        </div>
        <div className="flex gap-2">
          <Link href="/collections" className={buttonClasses("ghost", "sm")}>
            Your collections
          </Link>
          <Link
            href={`/people/${encodeURIComponent(user.handle)}`}
            className={buttonClasses("secondary", "sm")}
          >
            Your photostream
          </Link>
        </div>
      </header>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          <OrganizeFilters albums={albums} values={filter} matchCount={filtered ? page.matchCount : null} />
          {page.photos.length === 0 ? (
            <EmptyState
              icon={<PhotoIcon />}
              title={cursor || filtered ? "No photos here" : "No photos to organise yet"}
              actions={
                <Link
                  href={cursor || filtered ? "/organize" : "/upload"}
                  className={buttonClasses("primary", "md")}
                >
                  {cursor || filtered ? "Show all your photos" : "Upload photos"}
                </Link>
              }
            />
          ) : (
            // A new page or filter starts with nothing selected.
            <OrganizeWorkspace
              key={`${cursor ?? "newest"}:${JSON.stringify(filter)}`}
              photos={page.photos}
              albums={albums}
              matchIds={page.matchIds}
              matchCount={page.matchCount}
              lastBatch={lastBatch}
            />
          )}
          <AlbumPager basePath="/organize" cursor={cursor} nextCursor={page.nextCursor} keep={keep} />
        </div>
        <AlbumsPanel albums={albums} />
      </div>
    </div>
  );
}
