import Link from "next/link";
import type { PhotoView } from "@/server/data/get-photo";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { PhotoExif } from "./photo-exif";
import { PhotoLicense } from "./photo-license";

interface PhotoDetailsProps {
  photo: PhotoView;
  /** h1 on the photo page, h2 in the modal (the page beneath keeps its own h1). */
  headingLevel: "h1" | "h2";
  headingId: string;
}

const VISIBILITY_LABEL = { PUBLIC: "Public", PRIVATE: "Private", SHARED: "Shared" } as const;

// Everything here is text React escapes: titles and descriptions are shown exactly as typed.
export function PhotoDetails({ photo, headingLevel: Heading, headingId }: PhotoDetailsProps) {
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-3">
        <Heading
          id={headingId}
          data-testid="photo-title"
          className={`text-2xl font-semibold tracking-tight break-words ${photo.title ? "text-foreground" : "text-muted"}`}
        >
          {photo.title || "Untitled photo"}
        </Heading>
        <p className="flex items-center gap-2 text-sm text-muted">
          <Avatar name={photo.owner.displayName} />
          <span>
            by{" "}
            <Link
              href={`/people/${encodeURIComponent(photo.owner.handle)}`}
              data-testid="photo-owner"
              className="font-medium text-foreground underline-offset-2 hover:underline"
            >
              {photo.owner.displayName}
            </Link>
          </span>
        </p>
        {photo.isOwner ? <OwnerBadges photo={photo} /> : null}
      </div>

      {photo.description ? (
        <p
          data-testid="photo-description"
          className="text-pretty break-words whitespace-pre-line text-foreground"
        >
          {photo.description}
        </p>
      ) : null}

      {photo.tags.length > 0 ? (
        <ul aria-label="Tags" data-testid="photo-tags" className="flex flex-wrap gap-2">
          {photo.tags.map((tag) => (
            <li key={tag}>
              <Link
                href={`/tags/${encodeURIComponent(tag)}`}
                className="inline-flex items-center rounded-full border border-border bg-surface px-2.5 py-1 text-sm text-foreground hover:bg-surface-muted"
              >
                <span aria-hidden="true" className="text-muted">
                  #
                </span>
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      {photo.album ? (
        <p className="text-sm text-muted">
          In the album{" "}
          <Link
            href={`/albums/${photo.album.id}`}
            data-testid="photo-album"
            className="font-medium text-foreground underline-offset-2 hover:underline"
          >
            {photo.album.title}
          </Link>
        </p>
      ) : null}

      <PhotoExif photo={photo} />
      <PhotoLicense photo={photo} />

      {/* The owner's own download (as uploaded, location included) is in their panel. */}
      {photo.download?.withoutLocation ? (
        <p className="flex flex-col gap-1 text-sm">
          {/* An attachment (Content-Disposition), not a page to open. */}
          <a
            href={photo.download.url}
            download
            className="font-medium text-foreground underline underline-offset-2"
            data-testid="photo-download-original"
          >
            Download original
          </a>
          <span className="text-muted">Location data removed.</span>
        </p>
      ) : null}
    </div>
  );
}

function OwnerBadges({ photo }: { photo: PhotoView }) {
  return (
    <p className="flex flex-wrap items-center gap-2" data-testid="photo-visibility">
      <Badge>{VISIBILITY_LABEL[photo.visibility]}</Badge>
      {photo.isPublic && photo.visibility !== "PUBLIC" ? <Badge>Public through its album</Badge> : null}
      {photo.status === "PROCESSING" ? <Badge>Processing</Badge> : null}
      {photo.status === "FAILED" ? <Badge>Failed</Badge> : null}
      {photo.hidden ? <Badge>Hidden by a moderator</Badge> : null}
    </p>
  );
}
