"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { deletePhotoAction } from "@/server/actions/delete-photo";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useAskOnce } from "@/components/ui/use-ask-once";

const initialState: FormState = {};

// Deleting asks once: the first button only reveals the question, "Yes, delete" sends the action
// (the photo goes to the trash), which redirects to the photostream. Esc or Cancel backs out.
export function DeletePhotoButton({ photoId }: { photoId: string }) {
  const { confirming, ask, cancel, startRef, cancelRef, onKeyDown } = useAskOnce();
  const [state, formAction, pending] = useActionState(deletePhotoAction, initialState);

  if (!confirming) {
    return (
      <button
        ref={startRef}
        type="button"
        onClick={ask}
        className={buttonClasses("ghost", "sm", "text-danger!")}
        data-testid="photo-delete"
      >
        Delete photo
      </button>
    );
  }

  return (
    <form
      action={formAction}
      role="group"
      aria-labelledby="delete-photo-question"
      data-testid="photo-delete-confirm"
      onKeyDown={onKeyDown}
      className="flex flex-col gap-3 rounded-xl border border-danger/40 bg-danger-soft p-4"
    >
      <input type="hidden" name="photoId" value={photoId} />
      <p id="delete-photo-question" className="text-sm text-foreground">
        Move this photo to the trash? It disappears at once, for everyone, in every size. You can restore it
        from the trash for 30 days.
      </p>
      <FormError id="delete-photo-error" message={state.error} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton
          variant="danger"
          size="sm"
          pending={pending}
          pendingLabel="Deleting…"
          data-testid="photo-delete-yes"
        >
          Yes, delete
        </SubmitButton>
        <button
          ref={cancelRef}
          type="button"
          onClick={cancel}
          className={buttonClasses("secondary", "sm")}
          data-testid="photo-delete-cancel"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
