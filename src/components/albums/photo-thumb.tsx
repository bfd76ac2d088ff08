import Image from "next/image";
import type { PhotoCard } from "@/lib/photo-card";
import { placeholderDataUrl } from "@/lib/thumbhash-placeholder";

interface PhotoThumbProps {
  photo: Pick<PhotoCard, "mediaBase" | "alt" | "thumbhash">;
  /** The tile's rendered width at each breakpoint, so the browser picks the right rung. */
  sizes: string;
  /** Defaults to the photo's own alt text; "" when a visible label already names the photo. */
  alt?: string;
}

// A square, cropped tile of a photo over its blurred placeholder. Until the shared justified grid
// in components/photos lands, the album and organise grids draw their tiles with this.
export function PhotoThumb({ photo, sizes, alt = photo.alt }: PhotoThumbProps) {
  const placeholder = placeholderDataUrl(photo.thumbhash);
  return (
    <Image
      src={photo.mediaBase}
      alt={alt}
      fill
      sizes={sizes}
      placeholder={placeholder ? "blur" : "empty"}
      blurDataURL={placeholder ?? undefined}
      // Inline objectFit so the blurred placeholder is cropped the same way as the photo.
      style={{ objectFit: "cover" }}
      draggable={false}
    />
  );
}
