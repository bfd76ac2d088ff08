"use client";

import Link from "next/link";
import { useEffect, useOptimistic, useRef, useState, useTransition, type DragEvent } from "react";
import type { PhotoCard } from "@/lib/photo-card";
import { reorderAlbumAction } from "@/server/actions/albums/reorder-album";
import { setAlbumCoverAction } from "@/server/actions/albums/set-album-cover";
import type { ReorderMove } from "@/server/data/albums/reorder-album";
import { HiddenBadge } from "@/components/moderation/hidden-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button-styles";
import { PhotoThumb } from "./photo-thumb";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";

// Four columns in the 6xl container (≈264 px each), three on tablets, two on phones.
const TILE_SIZES = "(min-width: 1152px) 264px, (min-width: 1024px) 24vw, (min-width: 640px) 32vw, 48vw";
const DRAG_TYPE = "application/x-pinhole-photo";

interface AlbumPhotoGridProps {
  albumId: string;
  photos: PhotoCard[];
  coverPhotoId: string | null;
  /** The owner's view: reorder (buttons, drag and drop) and choose the cover. */
  manage: boolean;
  /** Photos exist before / after this page, so the first / last tile can still move. */
  hasEarlier: boolean;
  hasLater: boolean;
}

type Control = "earlier" | "later";

// `?in=album:<id>` keeps the photo page's previous/next within this album.
const photoHref = (photoId: string, albumId: string) => `/photos/${photoId}?in=album:${albumId}`;
const labelOf = (photo: PhotoCard) => photo.title.trim() || "Untitled photo";

function reorder(list: PhotoCard[], move: { id: string; to: number }): PhotoCard[] {
  const from = list.findIndex((p) => p.id === move.id);
  if (from < 0) return list;
  const next = [...list];
  const [photo] = next.splice(from, 1);
  if (photo) next.splice(move.to, 0, photo);
  return next;
}

export function AlbumPhotoGrid({
  albumId,
  photos,
  coverPhotoId,
  manage,
  hasEarlier,
  hasLater,
}: AlbumPhotoGridProps) {
  if (!manage) {
    return (
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4" data-testid="album-grid">
        {photos.map((photo) => (
          <li key={photo.id} data-testid="album-photo" data-photo-id={photo.id}>
            <Link
              href={photoHref(photo.id, albumId)}
              className="relative block aspect-square overflow-hidden rounded-lg bg-surface-muted"
            >
              <PhotoThumb photo={photo} sizes={TILE_SIZES} />
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ManagedGrid
      albumId={albumId}
      photos={photos}
      coverPhotoId={coverPhotoId}
      hasEarlier={hasEarlier}
      hasLater={hasLater}
    />
  );
}

function ManagedGrid({
  albumId,
  photos,
  coverPhotoId,
  hasEarlier,
  hasLater,
}: Omit<AlbumPhotoGridProps, "manage">) {
  const [list, applyMove] = useOptimistic(photos, reorder);
  const [cover, showCover] = useOptimistic(coverPhotoId);
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropHint, setDropHint] = useState<{ id: string; place: "before" | "after" } | null>(null);
  const gridRef = useRef<HTMLUListElement>(null);
  const refocus = useRef<{ id: string; control: Control } | null>(null);

  // Moving a tile moves its DOM node, which drops keyboard focus: put it back on the same button
  // of the moved photo (or its other button at the album's edge) so "Move later" can be pressed again.
  useEffect(() => {
    const want = refocus.current;
    if (!want || !gridRef.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && !gridRef.current.contains(active)) return;
    const button = (control: Control) =>
      gridRef.current?.querySelector<HTMLButtonElement>(
        `[data-photo-id="${want.id}"] [data-control="${control}"]`,
      );
    const target = button(want.control);
    const usable = target && target.getAttribute("aria-disabled") !== "true";
    (usable ? target : button(want.control === "earlier" ? "later" : "earlier"))?.focus();
    if (!pending) refocus.current = null;
  }, [list, pending]);

  function move(
    photo: PhotoCard,
    reorderMove: ReorderMove,
    to: number | null,
    said: string,
    control?: Control,
  ) {
    refocus.current = control ? { id: photo.id, control } : null;
    startTransition(async () => {
      // Off this page (the first tile moving earlier on a later page): no guess, the server decides.
      if (to !== null) applyMove({ id: photo.id, to });
      const result = await reorderAlbumAction({ albumId, photoId: photo.id, move: reorderMove });
      setNotice(
        result.ok
          ? { error: false, text: `Moved “${labelOf(photo)}” ${said}.` }
          : { error: true, text: result.error ?? "That move did not work. Reload and try again." },
      );
    });
  }

  function step(photo: PhotoCard, index: number, direction: Control) {
    const to = direction === "earlier" ? index - 1 : index + 1;
    move(photo, { kind: "step", direction }, to >= 0 && to < list.length ? to : null, direction, direction);
  }

  function drop(photoId: string, target: PhotoCard, place: "before" | "after") {
    const photo = list.find((p) => p.id === photoId);
    if (!photo || photo.id === target.id) return;
    const without = list.filter((p) => p.id !== photoId);
    const to = without.findIndex((p) => p.id === target.id) + (place === "after" ? 1 : 0);
    move(photo, { kind: "drop", place, targetId: target.id }, to, `${place} “${labelOf(target)}”`);
  }

  function chooseCover(photo: PhotoCard) {
    startTransition(async () => {
      showCover(photo.id);
      const result = await setAlbumCoverAction({ albumId, photoId: photo.id });
      setNotice(
        result.ok
          ? { error: false, text: `“${labelOf(photo)}” is now the album's cover.` }
          : { error: true, text: result.error ?? "Could not set the cover." },
      );
    });
  }

  function onDragOver(event: DragEvent<HTMLLIElement>, target: PhotoCard) {
    if (!dragging || dragging === target.id || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const box = event.currentTarget.getBoundingClientRect();
    const place = event.clientX < box.left + box.width / 2 ? "before" : "after";
    if (dropHint?.id !== target.id || dropHint.place !== place) setDropHint({ id: target.id, place });
  }

  return (
    <div>
      <p className="mb-3 text-sm text-muted">
        Use “Move earlier” and “Move later”, or drag a photo onto another, to change the album&rsquo;s order.
      </p>
      <ul
        ref={gridRef}
        className="grid grid-cols-2 gap-x-3 gap-y-5 sm:grid-cols-3 lg:grid-cols-4"
        data-testid="album-grid"
        aria-busy={pending || undefined}
      >
        {list.map((photo, index) => {
          const titleId = `album-photo-${photo.id}-title`;
          const first = index === 0 && !hasEarlier;
          const last = index === list.length - 1 && !hasLater;
          const isCover = cover === photo.id;
          const hint = dropHint?.id === photo.id ? dropHint.place : null;
          return (
            <li
              key={photo.id}
              data-testid="album-photo"
              data-photo-id={photo.id}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, photo.id);
                event.dataTransfer.effectAllowed = "move";
                setDragging(photo.id);
              }}
              onDragOver={(event) => onDragOver(event, photo)}
              onDragLeave={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropHint(null);
              }}
              onDrop={(event) => {
                event.preventDefault();
                const id = event.dataTransfer.getData(DRAG_TYPE);
                const place = dropHint?.id === photo.id ? dropHint.place : "before";
                setDropHint(null);
                setDragging(null);
                if (id) drop(id, photo, place);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropHint(null);
              }}
              className={`relative flex flex-col gap-2 ${dragging === photo.id ? "opacity-50" : ""}`}
            >
              {hint ? (
                <span
                  aria-hidden="true"
                  className={`absolute top-0 bottom-0 w-1 rounded-full bg-accent ${hint === "before" ? "-left-2" : "-right-2"}`}
                />
              ) : null}
              <div className="relative aspect-square overflow-hidden rounded-lg bg-surface-muted">
                <Link href={photoHref(photo.id, albumId)} draggable={false} className="absolute inset-0">
                  <PhotoThumb photo={photo} sizes={TILE_SIZES} />
                </Link>
                {isCover ? (
                  <span className="pointer-events-none absolute top-2 left-2" data-testid="album-cover-badge">
                    <Badge>Cover</Badge>
                  </span>
                ) : null}
                {photo.hidden ? (
                  <span className="pointer-events-none absolute top-2 right-2">
                    <HiddenBadge />
                  </span>
                ) : null}
              </div>
              <p id={titleId} className="truncate text-sm font-medium text-foreground">
                {labelOf(photo)}
              </p>
              <div className="flex flex-wrap gap-1.5">
                <StepButton
                  control="earlier"
                  disabled={first}
                  describedBy={titleId}
                  onClick={() => step(photo, index, "earlier")}
                />
                <StepButton
                  control="later"
                  disabled={last}
                  describedBy={titleId}
                  onClick={() => step(photo, index, "later")}
                />
                {isCover ? null : (
                  <button
                    type="button"
                    aria-describedby={titleId}
                    onClick={() => chooseCover(photo)}
                    className={buttonClasses("ghost", "sm", "h-8 px-2.5 text-xs")}
                    data-testid="album-set-cover"
                  >
                    Set as cover
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 min-h-6 text-sm">
        <ActionNotice notice={notice} />
      </div>
    </div>
  );
}

function StepButton({
  control,
  disabled,
  describedBy,
  onClick,
}: {
  control: Control;
  disabled: boolean;
  describedBy: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      data-control={control}
      // aria-disabled keeps it focusable: focus stays put when a photo reaches the album's edge.
      aria-disabled={disabled || undefined}
      aria-describedby={describedBy}
      onClick={() => {
        if (!disabled) onClick();
      }}
      className={buttonClasses("secondary", "sm", "h-8 px-2.5 text-xs")}
    >
      {control === "earlier" ? "Move earlier" : "Move later"}
    </button>
  );
}
