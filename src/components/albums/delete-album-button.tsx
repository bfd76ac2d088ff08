"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/server/actions/albums/album-input";
import { deleteAlbumAction } from "@/server/actions/albums/delete-album";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useAskOnce } from "@/components/ui/use-ask-once";

const initialState: ActionResult = { ok: false };

interface DeleteAlbumButtonProps {
  albumId: string;
  title: string;
  photoCount: number;
  defaultAlbumTitle: string;
}

// Asks once, inline, and says where the photos go: back to the default album, never deleted.
// The action then opens the default album, which confirms the move.
export function DeleteAlbumButton({ albumId, title, photoCount, defaultAlbumTitle }: DeleteAlbumButtonProps) {
  const { confirming, ask, cancel, startRef, cancelRef, onKeyDown } = useAskOnce();
  const [state, formAction, pending] = useActionState(deleteAlbumAction, initialState);

  if (!confirming) {
    return (
      <button
        ref={startRef}
        type="button"
        onClick={ask}
        className={buttonClasses("ghost", "sm", "text-danger")}
      >
        Delete album
      </button>
    );
  }

  const photos =
    photoCount === 1
      ? "Its photo goes"
      : photoCount > 1
        ? `Its ${photoCount} photos go`
        : "Any photos in it go";
  // On a row of its own below the owner's buttons (the parent is a wrapping flex row).
  return (
    <div className="basis-full">
      <form
        action={formAction}
        role="group"
        aria-labelledby="delete-album-question"
        data-testid="album-delete-confirm"
        onKeyDown={onKeyDown}
        className="flex max-w-xl flex-col gap-3 rounded-xl border border-danger/40 bg-danger-soft p-4"
      >
        <input type="hidden" name="albumId" value={albumId} />
        <p id="delete-album-question" className="text-sm text-foreground">
          Delete the album “{title}”? {photos} back to “{defaultAlbumTitle}”; no photo is deleted.
        </p>
        <FormError id="delete-album-error" message={state.error} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton variant="danger" size="sm" pending={pending} pendingLabel="Deleting…">
            Yes, delete album
          </SubmitButton>
          <button ref={cancelRef} type="button" onClick={cancel} className={buttonClasses("secondary", "sm")}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
