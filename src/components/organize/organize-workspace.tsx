"use client";

import { useEffect, useRef, useState } from "react";
import type { PhotoCard } from "@/lib/photo-card";
import type { BulkState } from "@/server/actions/organize/bulk-input";
import { deletePhotosAction } from "@/server/actions/organize/delete-photos";
import { movePhotosAction } from "@/server/actions/organize/move-photos";
import { setPhotosVisibilityAction } from "@/server/actions/organize/set-photos-visibility";
import { sharePhotosAction } from "@/server/actions/access/share-photos";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClasses } from "@/components/ui/button-styles";
import { BulkDeleteConfirm } from "./bulk-delete-confirm";
import { SelectablePhotoGrid } from "./selectable-photo-grid";
import { SharePhotosPanel } from "./share-photos-panel";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";

type BulkAction = (prev: BulkState, formData: FormData) => Promise<BulkState>;

interface OrganizeWorkspaceProps {
  photos: PhotoCard[];
  albums: { id: string; title: string; isDefault: boolean }[];
}

const selectClasses =
  "h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";

// The owner's photos on this page as a selectable grid, and the bulk actions on the selection.
// Each action is a server action: it checks the caller and scopes to their photos itself.
export function OrganizeWorkspace({ photos, albums }: OrganizeWorkspaceProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [sharing, setSharing] = useState(false);
  const shareButtonRef = useRef<HTMLButtonElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);

  // Only ids still on the page count (a photo may have gone since it was ticked).
  const selectedIds = photos.filter((p) => selected.has(p.id)).map((p) => p.id);
  const all = photos.length > 0 && selectedIds.length === photos.length;
  const some = selectedIds.length > 0 && !all;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = some;
  }, [some]);

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  // Wraps a bulk action as a form action: says what happened and clears the selection on success.
  function run(action: BulkAction) {
    return async (formData: FormData) => {
      if (selectedIds.length === 0) {
        setNotice({ error: true, text: "Select at least one photo first." });
        return;
      }
      const result = await action({}, formData);
      setNotice(
        result.ok
          ? { error: false, text: result.message ?? "Done." }
          : { error: true, text: result.error ?? "That did not work. Reload and try again." },
      );
      if (result.ok) {
        setSelected(new Set());
        setConfirmingDelete(false);
        setSharing(false);
      }
    };
  }

  const hiddenIds = selectedIds.map((id) => <input key={id} type="hidden" name="photoIds" value={id} />);

  return (
    <section aria-labelledby="organize-photos-heading" className="min-w-0">
      <h2 id="organize-photos-heading" className="sr-only">
        Your photos
      </h2>
      <div
        role="group"
        aria-label="Bulk actions"
        className="sticky top-14 z-20 -mx-2 mb-4 flex flex-col gap-3 rounded-xl border border-border bg-surface/95 p-3 backdrop-blur"
        data-testid="bulk-toolbar"
      >
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <label className="inline-flex items-center gap-2 text-sm font-medium text-foreground">
            <input
              ref={selectAllRef}
              type="checkbox"
              className="size-4 accent-accent"
              checked={all}
              disabled={photos.length === 0}
              onChange={(event) =>
                setSelected(event.currentTarget.checked ? new Set(photos.map((p) => p.id)) : new Set())
              }
            />
            Select all on this page
          </label>
          <p aria-live="polite" className="text-sm text-muted" data-testid="selection-count">
            {selectedIds.length} selected
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-x-5 gap-y-3">
          <form action={run(movePhotosAction)} className="flex items-end gap-2">
            {hiddenIds}
            <div className="flex flex-col gap-1">
              <label htmlFor="organize-album" className="text-xs font-medium text-muted">
                Move to album
              </label>
              <select id="organize-album" name="albumId" className={selectClasses}>
                {albums.map((album) => (
                  <option key={album.id} value={album.id}>
                    {album.title}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton variant="secondary" size="sm" pendingLabel="Moving…">
              Move
            </SubmitButton>
          </form>
          <form action={run(setPhotosVisibilityAction)} className="flex items-end gap-2">
            {hiddenIds}
            <div className="flex flex-col gap-1">
              <label htmlFor="organize-visibility" className="text-xs font-medium text-muted">
                Visibility
              </label>
              <select
                id="organize-visibility"
                name="visibility"
                aria-describedby="organize-visibility-hint"
                className={selectClasses}
              >
                <option value="PUBLIC">Public</option>
                <option value="PRIVATE">Private</option>
              </select>
            </div>
            <SubmitButton variant="secondary" size="sm" pendingLabel="Changing…">
              Change visibility
            </SubmitButton>
          </form>
          <button
            ref={shareButtonRef}
            type="button"
            aria-expanded={sharing}
            aria-controls={sharing ? "organize-share" : undefined}
            onClick={() => {
              if (selectedIds.length === 0)
                setNotice({ error: true, text: "Select at least one photo first." });
              else setSharing((open) => !open);
            }}
            className={buttonClasses("secondary", "sm")}
          >
            Share with…
          </button>
          <button
            type="button"
            onClick={() => {
              if (selectedIds.length === 0)
                setNotice({ error: true, text: "Select at least one photo first." });
              else setConfirmingDelete(true);
            }}
            className={buttonClasses("ghost", "sm", "text-danger")}
          >
            Delete…
          </button>
        </div>
        <p id="organize-visibility-hint" className="text-xs text-muted">
          To let only chosen people see photos, use Share with….
        </p>
        {sharing ? (
          <SharePhotosPanel
            id="organize-share"
            count={selectedIds.length}
            action={run(sharePhotosAction)}
            onCancel={() => {
              setSharing(false);
              shareButtonRef.current?.focus();
            }}
          >
            {hiddenIds}
          </SharePhotosPanel>
        ) : null}
        {confirmingDelete ? (
          <BulkDeleteConfirm
            count={selectedIds.length}
            action={run(deletePhotosAction)}
            onCancel={() => setConfirmingDelete(false)}
          >
            {hiddenIds}
          </BulkDeleteConfirm>
        ) : null}
        <div className="text-sm" data-testid="bulk-notice">
          <ActionNotice notice={notice} successClassName="text-foreground" />
        </div>
      </div>
      <SelectablePhotoGrid photos={photos} selected={selected} onToggle={toggle} />
    </section>
  );
}
