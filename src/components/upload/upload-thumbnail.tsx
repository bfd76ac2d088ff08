import Image from "next/image";
import { PhotoIcon } from "@/components/ui/photo-icon";
import type { UploadItem } from "./upload-item";

const BOX = "size-16 shrink-0 overflow-hidden rounded-xl bg-surface-muted sm:size-24";

// Until the photo is READY there are no variants to show, only an icon. Then next/image draws it
// over the blurred placeholder. A fixed width and no `sizes` give 1x and 2x candidates (96 and
// 192 px), which the media loader both rounds to the 240 px variant: one small request.
export function UploadThumbnail({ item }: { item: UploadItem }) {
  const photo = item.photo;
  if (item.status !== "ready" || !photo) {
    return (
      <div className={`${BOX} flex items-center justify-center text-muted`} aria-hidden="true">
        <PhotoIcon />
      </div>
    );
  }
  return (
    <Image
      src={photo.mediaBase}
      alt={item.details.draft.title || item.file.name}
      width={96}
      height={96}
      placeholder={photo.placeholder ? "blur" : "empty"}
      blurDataURL={photo.placeholder ?? undefined}
      // Inline objectFit so the blurred placeholder is cropped the same way as the photo.
      style={{ objectFit: "cover" }}
      className={BOX}
      data-testid="upload-thumbnail"
    />
  );
}
