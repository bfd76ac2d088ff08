"use client";

import { useActionState, useState } from "react";
import { placeholderDataUrl } from "@/lib/thumbhash-placeholder";
import type { BulkState } from "@/server/actions/organize/bulk-input";
import { emptyTrashAction } from "@/server/actions/trash/empty-trash";
import { restorePhotosAction } from "@/server/actions/trash/restore-photos";
import { ActionNotice } from "@/components/ui/action-notice";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";
import { SubmitButton } from "@/components/ui/submit-button";

export interface TrashTile {
  id: string;
  title: string;
  thumbhash: string | null;
  width: number | null;
  height: number | null;
  albumTitle: string;
  /** ISO time the sweep deletes it. */
  purgeAt: string;
}

const initial: BulkState = {};
const dateFormat = new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric" });

// The trash shows a blurred placeholder of each photo, never its image: media of a trashed photo is
// refused to everyone, its owner included, until it is restored.
export function TrashWorkspace({ photos, total }: { photos: TrashTile[]; total: number }) {
  const [restoreState, restore, restoring] = useActionState(restorePhotosAction, initial);
  const [emptyState, empty, emptying] = useActionState(emptyTrashAction, initial);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const state = emptying || emptyState !== initial ? emptyState : restoreState;
  const notice = state.error
    ? { error: true, text: state.error }
    : state.message
      ? { error: false, text: state.message }
      : null;

  return (
    <div className="flex flex-col gap-6">
      {/* First and always there: the last action's outcome stays announced when the list empties. */}
      <ActionNotice notice={notice} />
      {photos.length === 0 ? (
        <EmptyState icon={<PhotoIcon />} title="The trash is empty">
          Deleted photos will show here.
        </EmptyState>
      ) : null}
      <div className={photos.length === 0 ? "hidden" : "flex flex-wrap items-center gap-3"}>
        <p className="text-sm text-muted">
          {total} {total === 1 ? "photo" : "photos"} in the trash
          {total > photos.length ? ` (the ${photos.length} deleted most recently shown)` : ""}.
        </p>
        {confirmEmpty ? (
          <form
            action={empty}
            role="group"
            aria-labelledby="empty-trash-question"
            className="flex flex-wrap items-center gap-3 rounded-xl border border-danger/40 bg-danger-soft p-3"
          >
            <p id="empty-trash-question" className="text-sm text-foreground">
              Delete every photo in the trash for good? This can&apos;t be undone.
            </p>
            <SubmitButton variant="danger" size="sm" pending={emptying} pendingLabel="Deleting…">
              Yes, empty the trash
            </SubmitButton>
            <button
              type="button"
              onClick={() => setConfirmEmpty(false)}
              className={buttonClasses("secondary", "sm")}
            >
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            onClick={() => setConfirmEmpty(true)}
            className={buttonClasses("ghost", "sm", "text-danger!")}
          >
            Empty trash…
          </button>
        )}
      </div>
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-busy={restoring || emptying}>
        {photos.map((photo) => {
          const placeholder = placeholderDataUrl(photo.thumbhash);
          const name = photo.title || "Untitled photo";
          return (
            <li
              key={photo.id}
              data-testid="trash-photo"
              className="flex flex-col gap-2 rounded-xl border border-border bg-surface p-3"
            >
              <div
                aria-hidden="true"
                className="aspect-[4/3] w-full rounded-lg bg-border bg-cover bg-center"
                style={placeholder ? { backgroundImage: `url(${placeholder})` } : undefined}
              />
              <p className="truncate font-medium text-foreground">{name}</p>
              <p className="text-xs text-muted">
                In “{photo.albumTitle}”. Deleted for good on {dateFormat.format(new Date(photo.purgeAt))}.
              </p>
              <div className="flex flex-wrap gap-2">
                <form action={restore}>
                  <input type="hidden" name="photoIds" value={photo.id} />
                  <SubmitButton size="sm" variant="secondary">
                    Restore <span className="sr-only">{name}</span>
                  </SubmitButton>
                </form>
                <form action={empty}>
                  <input type="hidden" name="photoIds" value={photo.id} />
                  <SubmitButton size="sm" variant="ghost" className="text-danger!">
                    Delete for good <span className="sr-only">{name}</span>
                  </SubmitButton>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
