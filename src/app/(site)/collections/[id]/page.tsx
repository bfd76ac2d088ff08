import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { getCollection } from "@/server/data/collections/get-collection";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { CollectionAlbums } from "@/components/collections/collection-albums";
import { CollectionDetailsForm } from "@/components/collections/collection-details-form";
import { CollectionAddAlbum } from "@/components/collections/collection-owner-tools";
import { Avatar } from "@/components/ui/avatar";

interface CollectionPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// One lookup per request for both the metadata and the page, for whoever is asking (nobody, for the
// visitor's preview: `?as=visitor`).
const loadCollection = cache(async (id: string, visitor: boolean) =>
  getCollection(await pageViewer(visitor), id),
);

export async function generateMetadata({ params, searchParams }: CollectionPageProps): Promise<Metadata> {
  const collection = await loadCollection((await params).id, asVisitor(await searchParams));
  if (!collection) return { title: "Page not found" };
  return {
    title: collection.title,
    description: collection.description || `A collection by ${collection.owner.displayName} on Pinhole.`,
    // Which albums show depends on who asks: kept out of search engines.
    robots: { index: false, follow: false },
  };
}

export default async function CollectionPage({ params, searchParams }: CollectionPageProps) {
  const { id } = await params;
  const visitor = asVisitor(await searchParams);
  const collection = await loadCollection(id, visitor);
  if (!collection) notFound();
  const viewer = collection.isOwner ? await pageViewer(visitor) : null;
  const inIt = new Set(collection.albums.map((a) => a.id));
  const addable = viewer ? (await listOwnAlbums(viewer)).filter((a) => !inIt.has(a.id)) : [];

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header>
        <p className="text-sm font-medium text-muted">Collection</p>
        <h1 className="text-3xl font-semibold tracking-tight break-words text-foreground">
          {collection.title}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
          <Link
            href={`/people/${encodeURIComponent(collection.owner.handle)}`}
            className="inline-flex items-center gap-2 font-medium text-foreground hover:underline"
            data-testid="collection-owner"
          >
            <Avatar name={collection.owner.displayName} className="size-6 text-xs" />
            {collection.owner.displayName}
          </Link>
          <span aria-hidden="true">·</span>
          <span data-testid="collection-count">
            {collection.albums.length} {collection.albums.length === 1 ? "album" : "albums"}
          </span>
        </p>
        {collection.description ? (
          <p
            className="mt-4 max-w-3xl whitespace-pre-line text-foreground"
            data-testid="collection-description"
          >
            {collection.description}
          </p>
        ) : null}
      </header>

      {collection.isOwner ? (
        <div className="mt-6 flex flex-col gap-4" data-testid="collection-owner-tools">
          <CollectionAddAlbum collectionId={collection.id} albums={addable} />
          <details>
            <summary className="cursor-pointer text-sm font-medium text-foreground">Edit collection</summary>
            <div className="mt-3">
              <CollectionDetailsForm collection={collection} />
            </div>
          </details>
        </div>
      ) : null}

      <section aria-label="Albums" className="mt-8">
        {collection.albums.length === 0 ? (
          <p className="text-muted">No albums here yet. Add one of yours above.</p>
        ) : (
          <CollectionAlbums collection={collection} />
        )}
      </section>
    </div>
  );
}
