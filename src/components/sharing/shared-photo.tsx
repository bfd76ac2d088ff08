import Image from "next/image";
import Link from "next/link";
import type { SharedPhotoView } from "@/server/data/share-links/get-shared-photo";
import { PhotoExif } from "@/components/photo/photo-exif";

interface SharedPhotoProps {
  photo: SharedPhotoView;
  /** For a photo of a shared album: back to the album's page under the same link. */
  album?: { href: string; title: string };
}

// One photo behind a share link: the picture and what anyone who may see it is shown, as text. No
// links lead out to the owner's profile, tags or other albums: the link opens this and nothing else.
export function SharedPhoto({ photo, album }: SharedPhotoProps) {
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8" data-testid="shared-photo">
      {album ? (
        <p className="mb-4 text-sm">
          <Link href={album.href} className="font-medium text-foreground underline-offset-2 hover:underline">
            ← Back to “{album.title}”
          </Link>
        </p>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="rounded-xl bg-surface-muted p-2 sm:p-4">
          <Image
            src={photo.mediaBase}
            alt={photo.alt}
            width={photo.width}
            height={photo.height}
            sizes="(max-width: 1024px) 100vw, 75vw"
            preload
            placeholder={photo.placeholder ? "blur" : "empty"}
            blurDataURL={photo.placeholder ?? undefined}
            style={{
              width: `min(100%, calc(80vh * ${photo.width} / ${photo.height}))`,
              height: "auto",
              aspectRatio: `${photo.width} / ${photo.height}`,
              objectFit: "contain",
            }}
            className="mx-auto block rounded-lg"
            data-testid="shared-photo-image"
          />
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <div className="flex flex-col gap-2">
            <h1
              data-testid="shared-photo-title"
              className={`text-2xl font-semibold tracking-tight break-words ${photo.title ? "text-foreground" : "text-muted"}`}
            >
              {photo.title || "Untitled photo"}
            </h1>
            <p className="text-sm text-muted">
              by <span className="font-medium text-foreground">{photo.ownerName}</span>
            </p>
          </div>
          {photo.description ? (
            <p className="text-pretty break-words whitespace-pre-line text-foreground">{photo.description}</p>
          ) : null}
          {photo.tags.length > 0 ? (
            <ul aria-label="Tags" className="flex flex-wrap gap-2" data-testid="shared-photo-tags">
              {photo.tags.map((tag) => (
                <li
                  key={tag}
                  className="inline-flex items-center rounded-full border border-border bg-surface px-2.5 py-1 text-sm text-foreground"
                >
                  <span aria-hidden="true" className="text-muted">
                    #
                  </span>
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          <PhotoExif photo={photo} />
          <SharedNote />
        </div>
      </div>
    </div>
  );
}

export function SharedNote() {
  return (
    <p className="text-xs text-muted">
      Shared with you through a private link. Please don&rsquo;t pass it on unless the owner said you may.
    </p>
  );
}
