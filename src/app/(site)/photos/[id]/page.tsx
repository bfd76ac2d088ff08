import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { siteOrigin } from "@/server/http/site-origin";
import { describeAccess } from "@/server/data/access/describe-access";
import { listComments } from "@/server/data/comments/list-comments";
import { getPhotoCounts } from "@/server/data/favorites/get-photo-counts";
import { listFavoriters } from "@/server/data/favorites/list-favoriters";
import { getPhoto } from "@/server/data/get-photo";
import { getPhotoNeighbors, parseNeighborContext } from "@/server/data/get-photo-neighbors";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { PhotoDetails } from "@/components/photo/photo-details";
import { PhotoFilmstrip } from "@/components/photo/photo-filmstrip";
import { PhotoImage } from "@/components/photo/photo-image";
import { photoBackHref, photoHref } from "@/components/photo/photo-links";
import { jsonLdScript, photoJsonLd } from "@/components/photo/photo-json-ld";
import { photoMetadata } from "@/components/photo/photo-metadata";
import { PhotoNav } from "@/components/photo/photo-nav";
import { PhotoOwnerPanel } from "@/components/photo/photo-owner-panel";
import { PhotoPageKeys } from "@/components/photo/photo-page-keys";
import { CommentsSection } from "@/components/social/comments-section";
import { FavoriteButton } from "@/components/social/favorite-button";
import { FavoritersList } from "@/components/social/favoriters-list";
import { ReportButton } from "@/components/moderation/report-button";
import { EmbedButton } from "@/components/embeds/embed-button";
import { embedHtml } from "@/server/embeds/embed-html";
import { photoSubject } from "@/server/embeds/get-oembed";
import { HiddenBanner } from "@/components/moderation/hidden-banner";
import { AccessEditor } from "@/components/sharing/access-editor";
import { ShareLinksSection } from "@/components/sharing/share-links-section";
import { ViewerLauncher } from "@/components/viewer/viewer-launcher";

interface PhotoPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// One query per request for the page and its metadata, scoped to whoever is asking (nobody, for
// the visitor's preview: `?as=visitor`).
const loadPhoto = cache(async (id: string, visitor: boolean) => getPhoto(await pageViewer(visitor), id));

export async function generateMetadata({ params, searchParams }: PhotoPageProps): Promise<Metadata> {
  const { id } = await params;
  return photoMetadata(await loadPhoto(id, asVisitor(await searchParams)), await siteOrigin());
}

export default async function PhotoPage({ params, searchParams }: PhotoPageProps) {
  const { id } = await params;
  const query = await searchParams;
  const visitor = asVisitor(query);
  const photo = await loadPhoto(id, visitor);
  // The same 404 for "no such photo" and "not yours": existence is never confirmed.
  if (!photo) notFound();

  const viewer = await pageViewer(visitor);
  const owner = photo.isOwner && viewer ? viewer : null;
  const [neighbors, albums, access, counts, comments, favoriters] = await Promise.all([
    getPhotoNeighbors(viewer, photo.id, parseNeighborContext(query.in)),
    owner ? listOwnAlbums(owner) : [],
    owner ? describeAccess(owner, { kind: "photo", id: photo.id }) : null,
    // Counts live here, on the per-request page, never on cached photostream tiles.
    getPhotoCounts(viewer, photo.id),
    listComments(viewer, photo.id),
    owner ? listFavoriters(owner, photo.id) : null,
  ]);
  const albumId = neighbors?.context.kind === "album" ? neighbors.context.albumId : null;
  const origin = await siteOrigin();
  const jsonLd = photoJsonLd(photo, origin);
  // Only what anyone may see can be embedded (the oEmbed endpoint decides the same way).
  const embed =
    photo.isPublic && photo.status === "READY" && photo.variants.length > 0
      ? embedHtml(photoSubject(photo, origin))
      : null;
  const previous = neighbors?.previous ?? null;
  const next = neighbors?.next ?? null;
  // The filmstrip and the full-screen viewer: this photo among its neighbours (ready photos only).
  const current =
    photo.status === "READY" && photo.width && photo.height
      ? { id: photo.id, alt: photo.alt, mediaBase: photo.mediaBase, width: photo.width, height: photo.height }
      : null;
  const before = neighbors?.before ?? [];
  const after = neighbors?.after ?? [];

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8" data-testid="photo-page">
      <PhotoPageKeys
        previousHref={previous ? photoHref(previous.id, albumId) : null}
        nextHref={next ? photoHref(next.id, albumId) : null}
        backHref={photoBackHref(photo.owner.handle, albumId)}
      />
      {jsonLd ? (
        <script
          type="application/ld+json"
          data-testid="photo-json-ld"
          dangerouslySetInnerHTML={{ __html: jsonLdScript(jsonLd) }}
        />
      ) : null}
      {photo.ownerOnly && photo.hidden ? <HiddenBanner reason={photo.ownerOnly.hiddenReason} /> : null}
      {/* On phones: the photo, then its title, description and details, then the comments. */}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
        <div className="flex min-w-0 flex-col gap-4">
          <div className="rounded-xl bg-surface-muted p-2 sm:p-4">
            <PhotoImage photo={photo} variant="page" />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="min-w-0 flex-1">
              <PhotoNav previous={previous} next={next} albumId={albumId} mode="page" />
            </div>
            {current ? (
              <ViewerLauncher
                photos={[...before.toReversed(), current, ...after]}
                startId={photo.id}
                mode="fullscreen"
              />
            ) : null}
          </div>
          {current ? (
            <PhotoFilmstrip current={current} before={before} after={after} albumId={albumId} />
          ) : null}
        </div>
        <div className="flex min-w-0 flex-col gap-8 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <PhotoDetails photo={photo} headingLevel="h1" headingId="photo-heading" />
          <FavoriteButton
            photoId={photo.id}
            initial={{ favorited: counts?.favorited ?? false, count: counts?.favoriteCount ?? 0 }}
            signedIn={viewer !== null}
          />
          {embed ? <EmbedButton html={embed} what="photo" /> : null}
          {viewer && !photo.isOwner ? (
            <ReportButton target={{ kind: "photo", id: photo.id }} label="Report photo" />
          ) : null}
          {favoriters ? <FavoritersList people={favoriters} /> : null}
          {photo.ownerOnly ? (
            <PhotoOwnerPanel
              photo={photo}
              owner={photo.ownerOnly}
              albums={albums}
              access={
                access ? (
                  <AccessEditor
                    target={{ kind: "photo", id: photo.id }}
                    initial={access}
                    previewHref={`/photos/${photo.id}?as=visitor`}
                    links={<ShareLinksSection target={{ photoId: photo.id }} />}
                  />
                ) : null
              }
            />
          ) : null}
        </div>
        <div className="flex min-w-0 flex-col gap-4 lg:col-start-1">
          <CommentsSection
            photoId={photo.id}
            comments={comments}
            count={counts?.commentCount ?? comments.length}
            signedIn={viewer !== null}
          />
          <p className="hidden text-xs text-muted sm:block">
            Keyboard: <kbd>←</kbd> and <kbd>→</kbd> move between photos, <kbd>Esc</kbd> goes back to the{" "}
            {albumId ? "album" : "photostream"}.
          </p>
        </div>
      </div>
    </div>
  );
}
