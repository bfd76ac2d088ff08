"use client";

import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { buttonClasses } from "@/components/ui/button-styles";
import { UploadIcon } from "./upload-icon";

interface DropZoneProps {
  /** What can be uploaded, e.g. "JPEG, PNG … up to 50 MB each". */
  hint: string;
  onFiles: (files: File[]) => void;
}

// HEIC is listed by extension too: some browsers don't map it to image/* and would grey it out.
const ACCEPT = "image/*,.heic,.heif";

function carriesFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

// The whole zone is one button (click, Enter or Space opens the picker) and a drop target. The file
// input itself is visually hidden and out of the tab order, but labelled, so tests and assistive
// technology can still reach it.
export function DropZone({ hint, onFiles }: DropZoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();

  // A file dropped beside the zone would otherwise open in the tab and lose the queue.
  useEffect(() => {
    function ignoreStrayDrop(event: globalThis.DragEvent) {
      if (carriesFiles(event)) event.preventDefault();
    }
    window.addEventListener("dragover", ignoreStrayDrop);
    window.addEventListener("drop", ignoreStrayDrop);
    return () => {
      window.removeEventListener("dragover", ignoreStrayDrop);
      window.removeEventListener("drop", ignoreStrayDrop);
    };
  }, []);

  function openPicker() {
    inputRef.current?.click();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openPicker();
    }
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent<HTMLDivElement>) {
    // Moving over a child fires dragleave on the zone too; only leaving the zone itself counts.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  return (
    <div>
      <div
        role="button"
        tabIndex={0}
        aria-label="Choose photos"
        aria-describedby={hintId}
        data-testid="drop-zone"
        data-dragging={dragging ? "true" : undefined}
        onClick={openPicker}
        onKeyDown={onKeyDown}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        className={
          "flex flex-col items-center justify-center gap-3 rounded-2xl border-2 border-dashed px-6 py-10 " +
          "text-center transition-colors sm:py-16 " +
          (dragging
            ? "border-accent bg-accent-soft"
            : "border-border-strong/60 bg-surface hover:bg-surface-muted")
        }
      >
        <span className="flex size-12 items-center justify-center rounded-full bg-accent-soft text-accent">
          <UploadIcon />
        </span>
        {/* Phones have nothing to drag from, so the invitation to drop is for larger screens. */}
        <span className="hidden text-lg font-semibold text-foreground sm:block">
          {dragging ? "Drop to upload" : "Drag photos here"}
        </span>
        <span className="hidden text-sm text-muted sm:block">or</span>
        <span className={buttonClasses("primary", "md")}>Choose photos</span>
        <span id={hintId} className="text-sm text-muted">
          {hint}
        </span>
      </div>
      <label htmlFor={inputId} className="sr-only">
        Photos to upload
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        tabIndex={-1}
        data-testid="file-input"
        className="sr-only"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared so choosing the same file again still fires change.
          event.currentTarget.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
