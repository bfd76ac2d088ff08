import type { PhotoCard } from "@/lib/photo-card";
import { PhotoThumb } from "@/components/albums/photo-thumb";

// Five columns beside the albums panel on wide screens (≈150 px each), fewer below.
const TILE_SIZES = "(min-width: 1024px) 160px, (min-width: 640px) 30vw, 46vw";

const visibilityLabel = { PRIVATE: "Private", SHARED: "Shared" } as const;

/** What the checkbox is called: the title, or when there is none, when it was uploaded. */
function labelOf(photo: PhotoCard): string {
  return photo.title.trim() || `Untitled photo, uploaded ${photo.createdAt.slice(0, 10)}`;
}

interface SelectablePhotoGridProps {
  photos: PhotoCard[];
  selected: ReadonlySet<string>;
  /** `range`: the click held Shift (select every photo from the last one ticked to this one). */
  onToggle: (id: string, selected: boolean, range: boolean) => void;
}

export function SelectablePhotoGrid({ photos, selected, onToggle }: SelectablePhotoGridProps) {
  return (
    <ul
      className="grid grid-cols-2 gap-x-3 gap-y-4 sm:grid-cols-3 lg:grid-cols-5"
      data-testid="organize-grid"
    >
      {photos.map((photo) => {
        const id = `select-${photo.id}`;
        const isSelected = selected.has(photo.id);
        return (
          <li
            key={photo.id}
            className="relative"
            data-testid="organize-photo"
            data-photo-id={photo.id}
            data-selected={isSelected ? "true" : "false"}
          >
            <input
              id={id}
              type="checkbox"
              checked={isSelected}
              // React derives a checkbox's change from its click, so the native event says if Shift
              // was held (a click on the tile's label is forwarded to the box with its modifiers).
              onChange={(event) =>
                onToggle(
                  photo.id,
                  event.currentTarget.checked,
                  (event.nativeEvent as MouseEvent).shiftKey === true,
                )
              }
              className="peer absolute top-2 left-2 z-10 size-5 accent-accent"
            />
            {/* The whole tile is the label: a click on the photo ticks the box. The image is
                decorative here (alt=""): the label's text already names the photo. */}
            <label
              htmlFor={id}
              className="group block cursor-pointer rounded-lg peer-checked:[&>span:first-child]:ring-3 peer-checked:[&>span:first-child]:ring-accent"
            >
              <span className="relative block aspect-square overflow-hidden rounded-lg bg-surface-muted">
                <PhotoThumb photo={photo} sizes={TILE_SIZES} alt="" />
              </span>
              <span className="mt-1.5 block truncate text-sm text-foreground">{labelOf(photo)}</span>
            </label>
            {photo.visibility === "PUBLIC" ? null : (
              <span
                className="pointer-events-none absolute top-2 right-2 rounded-full bg-background/90 px-2 py-0.5 text-xs font-medium text-foreground"
                data-testid="organize-visibility"
              >
                {visibilityLabel[photo.visibility]}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
