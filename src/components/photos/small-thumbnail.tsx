import Image from "next/image";
import imageLoader from "@/lib/image-loader";
import { THUMBNAIL_WIDTH } from "@/server/images/variants";

interface SmallThumbnailProps {
  /** `/media/<id>/<version>` (a share link's `?s=` kept); null draws an empty square. */
  mediaBase: string | null;
  /** "" when a visible label beside it already names the photo. */
  alt?: string;
  className?: string;
}

// The pipeline's 50 px thumbnail itself (that file, not a larger rung scaled down), cropped square.
export function SmallThumbnail({ mediaBase, alt = "", className = "" }: SmallThumbnailProps) {
  const box = `block size-[50px] shrink-0 rounded-md bg-surface-muted object-cover ${className}`;
  if (!mediaBase) return <span aria-hidden="true" className={box} data-testid="small-thumbnail-empty" />;
  return (
    <Image
      src={imageLoader({ src: mediaBase, width: THUMBNAIL_WIDTH })}
      unoptimized
      alt={alt}
      width={THUMBNAIL_WIDTH}
      height={THUMBNAIL_WIDTH}
      className={box}
      data-testid="small-thumbnail"
    />
  );
}
