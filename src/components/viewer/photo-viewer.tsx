"use client";

import Image, { getImageProps } from "next/image";
import { useEffect, useRef, useState, type PointerEvent } from "react";
import { preload } from "react-dom";
import type { ViewerPhoto } from "./viewer-photo";

export interface PhotoViewerProps {
  photos: ViewerPhoto[];
  startId: string;
  /** Start the slideshow at once. */
  playing: boolean;
  onClose: () => void;
}

const INTERVALS = [3, 5, 10] as const;
// A horizontal drag this long (CSS px) is a swipe to the next or previous photo.
const SWIPE_PX = 50;
// The photo fills the screen at its own aspect ratio: a 2× screen asks for the 2048 rung; the media
// route never serves more pixels than the original has.
const sizesFor = (p: ViewerPhoto) => `min(100vw, calc(100vh * ${p.width} / ${p.height}))`;

// The full-screen viewer and slideshow: one photo at a time over the whole screen, ← → to move
// (or a swipe), Space to play or pause, Esc to leave. Keys are taken before the page's own ←/→
// handlers (capture phase), which would otherwise load another page beneath it.
export function PhotoViewer({ photos, startId, playing: startPlaying, onClose }: PhotoViewerProps) {
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      photos.findIndex((p) => p.id === startId),
    ),
  );
  const [playing, setPlaying] = useState(startPlaying);
  const [seconds, setSeconds] = useState<(typeof INTERVALS)[number]>(5);
  const dialog = useRef<HTMLDivElement>(null);
  const swipeFrom = useRef<{ x: number; y: number } | null>(null);
  const count = photos.length;
  const photo = photos[index] ?? photos[0];

  const move = (step: number) => setIndex((i) => (i + step + count) % count);
  const latest = useRef({ move, onClose, togglePlay: () => setPlaying((p) => !p) });
  useEffect(() => {
    latest.current = { move, onClose, togglePlay: () => setPlaying((p) => !p) };
  });

  useEffect(() => {
    dialog.current?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const inSelect = event.target instanceof HTMLSelectElement;
      const action =
        event.key === "Escape"
          ? latest.current.onClose
          : inSelect
            ? undefined
            : event.key === "ArrowLeft"
              ? () => latest.current.move(-1)
              : event.key === "ArrowRight"
                ? () => latest.current.move(1)
                : event.key === " " && !(event.target instanceof HTMLButtonElement)
                  ? latest.current.togglePlay
                  : undefined;
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    }
    // The browser leaves full screen on Esc itself (the key may never reach the page): leave with it.
    let wasFullscreen = document.fullscreenElement !== null;
    function onFullscreenChange() {
      if (document.fullscreenElement) wasFullscreen = true;
      else if (wasFullscreen) latest.current.onClose();
    }
    window.addEventListener("keydown", onKeyDown, true);
    document.addEventListener("fullscreenchange", onFullscreenChange);
    return () => {
      window.removeEventListener("keydown", onKeyDown, true);
      document.removeEventListener("fullscreenchange", onFullscreenChange);
    };
  }, []);

  // The slideshow's clock starts again after every move, by hand or by itself.
  useEffect(() => {
    if (!playing || count < 2) return;
    const timer = window.setTimeout(() => latest.current.move(1), seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [playing, seconds, index, count]);

  // The next photo (and the previous one) are fetched ahead, at the size this screen will ask for.
  useEffect(() => {
    for (const step of [1, -1]) {
      const near = photos[(index + step + count) % count];
      if (!near || near.id === photo?.id) continue;
      const { props } = getImageProps({
        src: near.mediaBase,
        alt: "",
        width: near.width,
        height: near.height,
        sizes: sizesFor(near),
      });
      preload(props.src, { as: "image", imageSrcSet: props.srcSet, imageSizes: props.sizes });
    }
  }, [index, count, photos, photo?.id]);

  if (!photo) return null;

  function onPointerDown(event: PointerEvent) {
    swipeFrom.current = { x: event.clientX, y: event.clientY };
  }
  function onPointerUp(event: PointerEvent) {
    const from = swipeFrom.current;
    swipeFrom.current = null;
    if (!from) return;
    const dx = event.clientX - from.x;
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(event.clientY - from.y)) move(dx < 0 ? 1 : -1);
  }

  const control =
    "inline-flex h-10 min-w-10 items-center justify-center rounded-full bg-white/10 px-3 text-sm font-medium text-white hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white";
  return (
    <div
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-label="Photo viewer"
      tabIndex={-1}
      className="fixed inset-0 z-[100] flex flex-col bg-black text-white outline-none"
      data-testid="viewer"
    >
      <div className="flex items-center gap-3 px-4 py-2">
        <p className="min-w-0 flex-1 truncate text-sm" aria-live={playing ? "off" : "polite"}>
          <span data-testid="viewer-position">
            {index + 1} of {count}
          </span>
          <span aria-hidden="true"> · </span>
          <span data-testid="viewer-title">{photo.alt}</span>
        </p>
        <button type="button" onClick={onClose} className={control} data-testid="viewer-close">
          Close <span className="sr-only">the viewer</span>
        </button>
      </div>
      <div
        className="relative flex min-h-0 flex-1 touch-pan-y items-center justify-center select-none"
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (swipeFrom.current = null)}
      >
        <Image
          key={photo.id}
          src={photo.mediaBase}
          alt={photo.alt}
          width={photo.width}
          height={photo.height}
          sizes={sizesFor(photo)}
          loading="eager"
          draggable={false}
          // Never drawn larger than the original's own pixels.
          style={{
            maxWidth: `min(100%, ${photo.width}px)`,
            maxHeight: "100%",
            width: "auto",
            height: "auto",
          }}
          className="object-contain"
          data-testid="viewer-image"
          data-photo-id={photo.id}
        />
      </div>
      <div className="flex flex-wrap items-center justify-center gap-2 px-4 py-3">
        <button type="button" onClick={() => move(-1)} className={control} disabled={count < 2}>
          <span aria-hidden="true">←</span> Previous
        </button>
        <button
          type="button"
          onClick={() => setPlaying((p) => !p)}
          className={control}
          aria-pressed={playing}
          disabled={count < 2}
          data-testid="viewer-play"
        >
          {playing ? "Pause" : "Play"} slideshow
        </button>
        <label className="flex items-center gap-2 text-sm">
          Every
          <select
            value={seconds}
            onChange={(e) => setSeconds(Number(e.target.value) as (typeof INTERVALS)[number])}
            className="h-10 rounded-full bg-white/10 px-3 text-white [&>option]:text-black"
            data-testid="viewer-interval"
          >
            {INTERVALS.map((s) => (
              <option key={s} value={s}>
                {s} seconds
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => move(1)} className={control} disabled={count < 2}>
          Next <span aria-hidden="true">→</span>
        </button>
      </div>
    </div>
  );
}
