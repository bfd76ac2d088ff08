"use client";

import { useEffect, useRef, useState } from "react";
import type { PhotoCard } from "@/lib/photo-card";
import type { BulkState } from "@/server/actions/organize/bulk-input";
import { deletePhotosAction } from "@/server/actions/organize/delete-photos";
import { movePhotosAction } from "@/server/actions/organize/move-photos";
import { addPhotosToAlbumAction } from "@/server/actions/organize/add-photos-to-album";
import { removePhotosFromAlbumAction } from "@/server/actions/organize/remove-photos-from-album";
import { setPhotosVisibilityAction } from "@/server/actions/organize/set-photos-visibility";
import { undoLastBatchAction } from "@/server/actions/organize/undo-last-batch";
import { sharePhotosAction } from "@/server/actions/access/share-photos";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClasses } from "@/components/ui/button-styles";
import { BatchEditPanel } from "./batch-edit-panel";
import { BulkDeleteConfirm } from "./bulk-delete-confirm";
import { SelectablePhotoGrid } from "./selectable-photo-grid";
import { SharePhotosPanel } from "./share-photos-panel";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";

type BulkAction = (prev: BulkState, formData: FormData) => Promise<BulkState>;

interface OrganizeWorkspaceProps {
  photos: PhotoCard[];
  albums: { id: string; title: string; isDefault: boolean }[];
  /** Every photo the page's filter matches (up to the bulk limit), newest first: beyond this page too. */
  matchIds: string[];
  matchCount: number;
  /** The last batch edit, which Undo reverses. */
  lastBatch: { label: string } | null;
}

const selectClasses =
  "h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";

// The owner's photos on this page as a selectable grid, and the bulk actions on the selection.
// Each action is a server action: it checks the caller and scopes to their photos itself.
export function OrganizeWorkspace({
  photos,
  albums,
  matchIds,
  matchCount,
  lastBatch,
}: OrganizeWorkspaceProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [editing, setEditing] = useState(false);
  const shareButtonRef = useRef<HTMLButtonElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  // Where a shift-click's range starts: the last photo ticked or unticked by hand.
  const anchorRef = useRef<number | null>(null);

  // Only ids still listed count (a photo may have gone since it was ticked), in the order shown:
  // a title pattern numbers them in that order.
  const listed = [...new Set([...photos.map((p) => p.id), ...matchIds])];
  const selectedIds = listed.filter((id) => selected.has(id));
  const onPage = photos.filter((p) => selected.has(p.id)).length;
  const all = photos.length > 0 && onPage === photos.length;
  const some = onPage > 0 && !all;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = some;
  }, [some]);

  // A shift-click sets every photo between the anchor and this one as this one was set.
  function toggle(id: string, on: boolean, range: boolean) {
    const index = photos.findIndex((p) => p.id === id);
    const anchor = anchorRef.current;
    const ids =
      range && anchor !== null && index >= 0
        ? photos.slice(Math.min(anchor, index), Math.max(anchor, index) + 1).map((p) => p.id)
        : [id];
    anchorRef.current = index >= 0 ? index : null;
    setSelected((current) => {
      const next = new Set(current);
      for (const each of ids) {
        if (on) next.add(each);
        else next.delete(each);
      }
      return next;
    });
  }

  function report(result: BulkState) {
    setNotice(
      result.ok
        ? { error: false, text: result.message ?? "Done." }
        : { error: true, text: result.error ?? "That did not work. Reload and try again." },
    );
  }

  // Wraps a bulk action as a form action: says what happened; on success clears the selection, or
  // keeps it for the batch edits (one selection, several edits in a row).
  function run(action: BulkAction, keepSelection = false) {
    return async (formData: FormData) => {
      if (selectedIds.length === 0) {
        setNotice({ error: true, text: "Select at least one photo first." });
        return;
      }
      const result = await action({}, formData);
      report(result);
      if (result.ok && !keepSelection) {
        setSelected(new Set());
        setConfirmingDelete(false);
        setSharing(false);
        setEditing(false);
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
          {matchCount > photos.length ? (
            <button
              type="button"
              className={buttonClasses("ghost", "sm")}
              onClick={() => setSelected(new Set(matchIds))}
            >
              {matchIds.length < matchCount
                ? `Select the first ${matchIds.length} of ${matchCount}`
                : `Select all ${matchCount}`}
            </button>
          ) : null}
          <p aria-live="polite" className="text-sm text-muted" data-testid="selection-count">
            {selectedIds.length} selected
          </p>
          {lastBatch ? (
            <form
              action={async () => report(await undoLastBatchAction())}
              className="ml-auto flex items-center gap-2"
            >
              <span className="text-sm text-muted" data-testid="last-batch">
                Last change: {lastBatch.label}.
              </span>
              <SubmitButton variant="secondary" size="sm" pendingLabel="Undoing…">
                Undo
              </SubmitButton>
            </form>
          ) : null}
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
          <form action={run(addPhotosToAlbumAction)} className="flex items-end gap-2">
            {hiddenIds}
            <div className="flex flex-col gap-1">
              <label htmlFor="organize-other-album" className="text-xs font-medium text-muted">
                Also in album
              </label>
              <select id="organize-other-album" name="albumId" className={selectClasses}>
                {albums.map((album) => (
                  <option key={album.id} value={album.id}>
                    {album.title}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton variant="secondary" size="sm" pendingLabel="Adding…">
              Add
            </SubmitButton>
            <button
              type="submit"
              formAction={run(removePhotosFromAlbumAction)}
              className={buttonClasses("ghost", "sm")}
            >
              Remove
            </button>
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
            type="button"
            aria-expanded={editing}
            aria-controls={editing ? "organize-edit" : undefined}
            onClick={() => {
              if (selectedIds.length === 0)
                setNotice({ error: true, text: "Select at least one photo first." });
              else setEditing((open) => !open);
            }}
            className={buttonClasses("secondary", "sm")}
          >
            Edit details…
          </button>
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
        {editing ? (
          <BatchEditPanel id="organize-edit" run={(action) => run(action, true)} ids={hiddenIds} />
        ) : null}
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
      <p className="mt-3 text-xs text-muted">
        Shift-click a second photo to select every photo between the two.
      </p>
    </section>
  );
}
