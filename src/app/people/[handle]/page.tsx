import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { getPerson } from "@/server/data/get-person";
import { listPhotos } from "@/server/data/list-photos";
import { AlbumCards } from "@/components/people/album-cards";
import { PersonHeader } from "@/components/people/person-header";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

interface PersonPageProps {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// Shared by the metadata and the page within one request, for whoever is asking (nobody, for the
// visitor's preview: `?as=visitor`).
const personFor = cache(async (handle: string, visitor: boolean) =>
  getPerson(await pageViewer(visitor), handle),
);

export async function generateMetadata({ params, searchParams }: PersonPageProps): Promise<Metadata> {
  const person = await personFor((await params).handle, asVisitor(await searchParams));
  return person ? { title: `${person.displayName} (@${person.handle})` } : { title: "Page not found" };
}

export default async function PersonPage({ params, searchParams }: PersonPageProps) {
  const visitor = asVisitor(await searchParams);
  const viewer = await pageViewer(visitor);
  const person = await personFor((await params).handle, visitor);
  // Before anything streams, so an unknown handle is a real 404 (this route has no loading.tsx).
  if (!person) notFound();
  const firstPage = await listPhotos(viewer, { kind: "stream", ownerId: person.id });

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <PersonHeader
        displayName={person.displayName}
        handle={person.handle}
        bio={person.bio}
        photoCount={person.photoCount}
        albumCount={person.albumCount}
        isOwner={person.isOwner}
      />

      {person.albums.length > 0 ? (
        <section aria-labelledby="albums-heading" className="mt-12">
          <h2 id="albums-heading" className="mb-4 text-xl font-semibold tracking-tight text-foreground">
            Albums
          </h2>
          <AlbumCards albums={person.albums} showVisibility={person.isOwner} />
          {person.albumCount > person.albums.length ? (
            <p className="mt-3 text-sm text-muted">
              The newest {person.albums.length} of {person.albumCount} albums.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="photos-heading" className="mt-12">
        <h2 id="photos-heading" className="mb-4 text-xl font-semibold tracking-tight text-foreground">
          Photos
        </h2>
        {firstPage.photos.length > 0 ? (
          <InfinitePhotoGrid
            source={{ scope: "stream", owner: person.handle, ...(visitor ? { asVisitor: true } : {}) }}
            initialPage={firstPage}
            label={`Photos by ${person.displayName}`}
            cacheKey={viewer?.id ?? "anonymous"}
            showVisibility={person.isOwner}
          />
        ) : person.isOwner ? (
          <EmptyState
            as="h3"
            icon={<PhotoIcon />}
            title="No photos yet"
            actions={
              <Link href="/upload" className={buttonClasses("primary", "md")}>
                Upload your first photo
              </Link>
            }
          >
            <p>Photos you upload show up here, newest first. You choose who sees each one.</p>
          </EmptyState>
        ) : (
          <EmptyState as="h3" icon={<PhotoIcon />} title="No photos to show">
            <p>{person.displayName} hasn&rsquo;t shared any photos with you yet.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
