import Image from "next/image";
import type { PhotoView } from "@/server/data/get-photo";
import { PhotoIcon } from "@/components/ui/photo-icon";
import { Spinner } from "@/components/ui/spinner";

interface PhotoImageProps {
  photo: PhotoView;
  /** The full page preloads its image (the LCP); the modal has a little less room. */
  variant: "page" | "modal";
}

const LAYOUT = {
  // The image column is the whole width below lg and about three quarters of it above.
  page: { sizes: "(max-width: 1024px) 100vw, 75vw", maxHeight: "80vh" },
  modal: { sizes: "(max-width: 1024px) 100vw, 70vw", maxHeight: "75vh" },
} as const;

// The largest size that fits both the column and the screen's height, at the photo's own aspect
// ratio, so the box is the right shape before a byte has arrived (no layout shift).
export function PhotoImage({ photo, variant }: PhotoImageProps) {
  const { sizes, maxHeight } = LAYOUT[variant];
  if (photo.status !== "READY" || !photo.width || !photo.height) {
    return <PhotoPending photo={photo} />;
  }
  return (
    <Image
      src={photo.mediaBase}
      alt={photo.alt}
      width={photo.width}
      height={photo.height}
      sizes={sizes}
      preload={variant === "page"}
      loading={variant === "modal" ? "eager" : undefined}
      placeholder={photo.placeholder ? "blur" : "empty"}
      blurDataURL={photo.placeholder ?? undefined}
      style={{
        width: `min(100%, calc(${maxHeight} * ${photo.width} / ${photo.height}))`,
        height: "auto",
        aspectRatio: `${photo.width} / ${photo.height}`,
        objectFit: "contain",
      }}
      className="mx-auto block rounded-lg"
      data-testid="photo-image"
    />
  );
}

// Only the owner ever sees a photo that is not ready (the visibility rule), so the reason is theirs.
function PhotoPending({ photo }: { photo: PhotoView }) {
  const failed = photo.status === "FAILED";
  return (
    <div
      data-testid={failed ? "photo-failed" : "photo-processing"}
      className="mx-auto flex aspect-[4/3] w-full max-w-3xl flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-border-strong/60 bg-surface-muted px-6 text-center"
    >
      <span className="text-muted">
        {failed ? <PhotoIcon className="size-8" /> : <Spinner className="size-6" />}
      </span>
      <p className="font-medium text-foreground">
        {failed ? "This photo could not be processed" : "Still processing this photo…"}
      </p>
      {failed && photo.ownerOnly?.failureReason ? (
        <p className="max-w-md text-sm text-muted">{photo.ownerOnly.failureReason}</p>
      ) : null}
      {!failed ? <p className="text-sm text-muted">Reload in a moment to see it.</p> : null}
    </div>
  );
}
