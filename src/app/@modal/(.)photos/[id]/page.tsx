import type { Metadata } from "next";
import { cache } from "react";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { getPhotoCounts } from "@/server/data/favorites/get-photo-counts";
import { getPhoto } from "@/server/data/get-photo";
import { getPhotoNeighbors, parseNeighborContext } from "@/server/data/get-photo-neighbors";
import { PhotoDetails } from "@/components/photo/photo-details";
import { PhotoImage } from "@/components/photo/photo-image";
import { photoHref } from "@/components/photo/photo-links";
import { photoMetadata } from "@/components/photo/photo-metadata";
import { PhotoModal } from "@/components/photo/photo-modal";
import { PhotoNav } from "@/components/photo/photo-nav";
import { HiddenBanner } from "@/components/moderation/hidden-banner";
import { FavoriteButton } from "@/components/social/favorite-button";

interface PhotoModalPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// `?as=visitor` is honoured here too, like on the page: it only ever takes access away.
const loadPhoto = cache(async (id: string, visitor: boolean) => getPhoto(await pageViewer(visitor), id));

// Only the document title: link previews are built from the real page, never from this one.
export async function generateMetadata({ params, searchParams }: PhotoModalPageProps): Promise<Metadata> {
  const { id } = await params;
  return { title: photoMetadata(await loadPhoto(id, asVisitor(await searchParams)), "").title };
}

// /photos/<id> reached by a client navigation (a tile in a grid): the photo over the page it was
// clicked on. A direct visit or a reload renders app/(site)/photos/[id] instead.
export default async function PhotoModalPage({ params, searchParams }: PhotoModalPageProps) {
  const { id } = await params;
  const query = await searchParams;
  const visitor = asVisitor(query);
  const photo = await loadPhoto(id, visitor);
  if (!photo) {
    // Deleted or made private since the grid was drawn: the same words as the page's 404.
    return (
      <PhotoModal
        labelledBy="photo-modal-heading"
        previousHref={null}
        nextHref={null}
        pageHref={photoHref(encodeURIComponent(id))}
      >
        <div className="px-6 py-16 text-center" data-testid="photo-not-found">
          <h2 id="photo-modal-heading" className="text-xl font-semibold text-foreground">
            This photo isn&rsquo;t here
          </h2>
          <p className="mt-2 text-muted">It may have gone private or been deleted.</p>
        </div>
      </PhotoModal>
    );
  }

  const viewer = await pageViewer(visitor);
  const [neighbors, counts] = await Promise.all([
    getPhotoNeighbors(viewer, photo.id, parseNeighborContext(query.in)),
    getPhotoCounts(viewer, photo.id),
  ]);
  const albumId = neighbors?.context.kind === "album" ? neighbors.context.albumId : null;
  const previous = neighbors?.previous ?? null;
  const next = neighbors?.next ?? null;

  return (
    <PhotoModal
      labelledBy="photo-modal-heading"
      previousHref={previous ? photoHref(previous.id, albumId) : null}
      nextHref={next ? photoHref(next.id, albumId) : null}
      pageHref={photoHref(photo.id, albumId)}
    >
      <div className="grid lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-3 bg-surface-muted p-3">
          <PhotoImage photo={photo} variant="modal" />
          <PhotoNav previous={previous} next={next} albumId={albumId} mode="modal" />
        </div>
        <div className="min-w-0 p-5">
          {photo.ownerOnly && photo.hidden ? <HiddenBanner reason={photo.ownerOnly.hiddenReason} /> : null}
          <PhotoDetails photo={photo} headingLevel="h2" headingId="photo-modal-heading" />
          <div className="mt-4 flex flex-col gap-2">
            <FavoriteButton
              photoId={photo.id}
              initial={{ favorited: counts?.favorited ?? false, count: counts?.favoriteCount ?? 0 }}
              signedIn={viewer !== null}
            />
            <p className="text-sm text-muted">
              {counts?.commentCount ?? 0} {counts?.commentCount === 1 ? "comment" : "comments"} ·{" "}
              <a href={`${photoHref(photo.id, albumId)}#comments-heading`} className="underline">
                Read and comment
              </a>
            </p>
          </div>
        </div>
      </div>
    </PhotoModal>
  );
}
