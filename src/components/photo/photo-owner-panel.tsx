import type { ReactNode } from "react";
import type { PhotoView } from "@/server/data/get-photo";
import type { AlbumOption } from "@/server/data/list-own-albums";
import { buttonClasses } from "@/components/ui/button-styles";
import { DeletePhotoButton } from "./delete-photo-button";
import { formatCoordinates } from "./format-exif";
import { PhotoEditForm } from "./photo-edit-form";

interface PhotoOwnerPanelProps {
  photo: PhotoView;
  owner: NonNullable<PhotoView["ownerOnly"]>;
  albums: AlbumOption[];
  /** Who sees the photo and the tools to change it (the access editor). */
  access?: ReactNode;
}

// The owner's corner of the photo page: what only they may see (where it was taken, the original
// file) and the tools to change or delete it.
export function PhotoOwnerPanel({ photo, owner, albums, access }: PhotoOwnerPanelProps) {
  const { gps } = owner;
  return (
    <section
      aria-labelledby="owner-panel-heading"
      data-testid="photo-owner-panel"
      className="flex flex-col gap-4"
    >
      <div className="flex flex-col gap-2 rounded-xl border border-border bg-surface-muted/60 p-4 text-sm">
        <h2 id="owner-panel-heading" className="font-semibold text-foreground">
          Only you can see this
        </h2>
        {owner.hiddenReason ? (
          <p className="text-danger" data-testid="photo-hidden-reason">
            Hidden by a moderator: {owner.hiddenReason}
          </p>
        ) : null}
        {gps ? (
          <p data-testid="photo-location">
            <span className="text-muted">Location </span>
            <a
              href={`https://www.openstreetmap.org/?mlat=${gps.latitude}&mlon=${gps.longitude}#map=15/${gps.latitude}/${gps.longitude}`}
              rel="noopener noreferrer"
              target="_blank"
              className="text-foreground underline underline-offset-2"
            >
              {formatCoordinates(gps.latitude, gps.longitude)}
            </a>
          </p>
        ) : (
          <p className="text-muted">No location recorded.</p>
        )}
        {owner.originalName ? (
          <p className="break-all">
            <span className="text-muted">File </span>
            <span data-testid="photo-original-name">{owner.originalName}</span>
          </p>
        ) : null}
        {photo.status !== "FAILED" ? (
          <p className="mt-1">
            {/* An attachment (Content-Disposition): the original keeps its EXIF, GPS included. */}
            <a
              href={owner.originalUrl}
              download
              className={buttonClasses("secondary", "sm")}
              data-testid="photo-download-original"
            >
              Download original
            </a>
          </p>
        ) : null}
      </div>

      {access}

      <PhotoEditForm
        photo={{
          id: photo.id,
          title: photo.title,
          description: photo.description,
          tags: photo.tags,
          albumId: owner.albumId,
          allowOriginal: owner.allowOriginal,
          license: photo.license,
        }}
        albums={albums.map(({ id, title }) => ({ id, title }))}
      />
      <div>
        <DeletePhotoButton photoId={photo.id} />
      </div>
    </section>
  );
}
