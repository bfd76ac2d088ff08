"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/form-state";
import { deletePhotoAction } from "@/server/actions/delete-photo";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";

const initialState: FormState = {};

// Deleting asks once: the first button only reveals the question, "Yes, delete" sends the action,
// which redirects to the photostream. Esc or Cancel backs out.
export function DeletePhotoButton({ photoId }: { photoId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction, pending] = useActionState(deletePhotoAction, initialState);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming === wasConfirming.current) return;
    wasConfirming.current = confirming;
    // The safe choice takes focus first; backing out returns it to where it was.
    (confirming ? cancelRef : startRef).current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button
        ref={startRef}
        type="button"
        onClick={() => setConfirming(true)}
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
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        // Handled here, so the page's Esc (back to the photostream) does not fire as well.
        event.preventDefault();
        setConfirming(false);
      }}
      className="flex flex-col gap-3 rounded-xl border border-danger/40 bg-danger-soft p-4"
    >
      <input type="hidden" name="photoId" value={photoId} />
      <p id="delete-photo-question" className="text-sm text-foreground">
        Delete this photo for good? It disappears at once, for everyone, in every size.
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
          onClick={() => setConfirming(false)}
          className={buttonClasses("secondary", "sm")}
          data-testid="photo-delete-cancel"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
