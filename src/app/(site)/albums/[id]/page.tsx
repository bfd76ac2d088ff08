import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { oembedHref } from "@/lib/oembed";
import { publicOrigin } from "@/server/http/public-origin";
import { albumEmbedHtml } from "@/server/embeds/get-oembed";
import { EmbedButton } from "@/components/embeds/embed-button";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { describeAccess } from "@/server/data/access/describe-access";
import { getAlbum } from "@/server/data/albums/get-album";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { listPhotos } from "@/server/data/list-photos";
import { AlbumEditForm } from "@/components/albums/album-edit-form";
import { AlbumHeader } from "@/components/albums/album-header";
import { AlbumPager } from "@/components/albums/album-pager";
import { AlbumPhotoGrid } from "@/components/albums/album-photo-grid";
import { AlbumSharePanel } from "@/components/albums/album-share-panel";
import { DeleteAlbumButton } from "@/components/albums/delete-album-button";
import { AccessEditor } from "@/components/sharing/access-editor";
import { ShareLinksSection } from "@/components/sharing/share-links-section";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { ViewerLauncher } from "@/components/viewer/viewer-launcher";
import type { ViewerPhoto } from "@/components/viewer/viewer-photo";
import { PhotoIcon } from "@/components/ui/photo-icon";

interface AlbumPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// One lookup per request for both the metadata and the page, for whoever is asking (nobody, for the
// visitor's preview: `?as=visitor`).
const loadAlbum = cache(async (id: string, visitor: boolean) => getAlbum(await pageViewer(visitor), id));

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function generateMetadata({ params, searchParams }: AlbumPageProps): Promise<Metadata> {
  const album = await loadAlbum((await params).id, asVisitor(await searchParams));
  // The same title as any missing page: an album the visitor may not see is never confirmed.
  if (!album) return { title: "Page not found" };
  const origin = publicOrigin(await headers());
  return {
    title: album.title,
    description: album.description || `An album by ${album.owner.displayName} on Pinhole.`,
    // Only public albums belong in search engines.
    robots: album.visibility === "PUBLIC" ? undefined : { index: false, follow: false },
    // Only a public album has a feed and embeds (src/server/feeds, /oembed).
    ...(album.visibility === "PUBLIC" && {
      alternates: {
        types: {
          "application/atom+xml": [{ url: `/albums/${album.id}/atom`, title: album.title }],
          "application/json+oembed": oembedHref(origin, `/albums/${album.id}`),
        },
      },
    }),
  };
}

export default async function AlbumPage({ params, searchParams }: AlbumPageProps) {
  const { id } = await params;
  const query = await searchParams;
  const visitor = asVisitor(query);
  const album = await loadAlbum(id, visitor);
  if (!album) notFound();

  const viewer = await pageViewer(visitor);
  const owner = album.isOwner && viewer ? viewer : null;
  const cursor = first(query.cursor);
  const [page, ownAlbums, access, embed] = await Promise.all([
    listPhotos(viewer, { kind: "album", albumId: album.id }, { cursor }),
    owner ? listOwnAlbums(owner) : null,
    owner ? describeAccess(owner, { kind: "album", id: album.id }) : null,
    album.visibility === "PUBLIC" ? albumEmbedHtml(album.id, publicOrigin(await headers())) : null,
  ]);
  const defaultAlbum = ownAlbums?.find((a) => a.isDefault);
  const deleted = album.isOwner && album.isDefault ? first(query.deleted) : null;
  const basePath = `/albums/${album.id}`;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      {deleted !== null && /^\d+$/.test(deleted) ? (
        <p
          role="status"
          className="mb-6 rounded-lg border border-border bg-surface px-4 py-3 text-sm text-foreground"
          data-testid="album-deleted-notice"
        >
          Album deleted. {Number(deleted) === 1 ? "Its photo is" : `Its ${deleted} photos are`} back in “
          {album.title}”; none were deleted.
        </p>
      ) : null}

      <AlbumHeader album={album} />
      {/* One row of actions above the photos, so the photos start high on the page. */}
      <div className="mt-4 flex flex-wrap items-start gap-3">
        {embed ? <EmbedButton html={embed} what="album" /> : null}
        {album.photoCount > 0 ? (
          // A file, not a page: a plain link (the route streams a ZIP of what this viewer may download).
          <a
            href={`${basePath}/download`}
            download
            className={buttonClasses("secondary", "sm")}
            data-testid="album-download"
          >
            Download album
          </a>
        ) : null}
        {page.photos[0] ? (
          <ViewerLauncher
            photos={page.photos.map(toViewerPhoto)}
            startId={page.photos[0].id}
            mode="slideshow"
          />
        ) : null}
        {album.isOwner ? (
          <div className="contents" data-testid="album-owner-tools">
            <AlbumEditForm albumId={album.id} title={album.title} description={album.description} />
            <Link href="/organize" className={buttonClasses("ghost", "sm")}>
              Organise photos
            </Link>
            {album.isDefault ? null : (
              <DeleteAlbumButton
                albumId={album.id}
                title={album.title}
                photoCount={album.photoCount}
                defaultAlbumTitle={defaultAlbum?.title ?? "your default album"}
              />
            )}
            {access ? (
              <AlbumSharePanel>
                <AccessEditor
                  target={{ kind: "album", id: album.id }}
                  initial={access}
                  previewHref={`${basePath}?as=visitor`}
                  links={<ShareLinksSection target={{ albumId: album.id }} />}
                />
              </AlbumSharePanel>
            ) : null}
          </div>
        ) : null}
      </div>

      <section aria-label="Photos" className="mt-6">
        {page.photos.length === 0 ? (
          <EmptyState
            icon={<PhotoIcon />}
            title={cursor ? "No more photos" : "No photos here yet"}
            actions={
              cursor ? (
                <Link href={basePath} className={buttonClasses("secondary", "md")}>
                  Back to the start
                </Link>
              ) : album.isOwner ? (
                <Link href="/organize" className={buttonClasses("primary", "md")}>
                  Add photos from Organise
                </Link>
              ) : null
            }
          >
            {album.isOwner && !cursor
              ? "Select photos on the Organise page and move them into this album."
              : null}
          </EmptyState>
        ) : (
          <AlbumPhotoGrid
            albumId={album.id}
            photos={page.photos}
            coverPhotoId={album.coverPhotoId}
            manage={album.isOwner}
            hasEarlier={cursor !== null}
            hasLater={page.nextCursor !== null}
          />
        )}
        <AlbumPager
          basePath={basePath}
          cursor={cursor}
          nextCursor={page.nextCursor}
          keep={visitor ? { as: "visitor" } : undefined}
        />
      </section>
    </div>
  );
}

// Only what the slideshow needs crosses to the client.
function toViewerPhoto(p: ViewerPhoto): ViewerPhoto {
  return { id: p.id, alt: p.alt, mediaBase: p.mediaBase, width: p.width, height: p.height };
}
