"use client";

import { useActionState } from "react";
import type { CollectionFormState } from "@/server/actions/collections/collection-input";
import { createCollectionAction } from "@/server/actions/collections/create-collection";
import { updateCollectionAction } from "@/server/actions/collections/update-collection";
import { DescriptionField } from "@/components/albums/description-field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

const initialState: CollectionFormState = {};

// A collection's title and description: a new collection (which then opens), or the owner's edit.
export function CollectionDetailsForm({
  collection,
}: {
  collection?: { id: string; title: string; description: string };
}) {
  const [state, formAction, pending] = useActionState(
    collection ? updateCollectionAction : createCollectionAction,
    initialState,
  );
  const prefix = collection ? "edit-collection" : "new-collection";
  return (
    <form
      action={formAction}
      noValidate
      aria-label={collection ? "Edit collection" : "New collection"}
      className="flex max-w-xl flex-col gap-4"
      data-testid={`${prefix}-form`}
    >
      {collection ? <input type="hidden" name="collectionId" value={collection.id} /> : null}
      <TextField
        name="title"
        label="Title"
        required
        maxLength={200}
        defaultValue={state.values?.title ?? collection?.title}
        error={state.fieldErrors?.title}
      />
      <DescriptionField
        id={`${prefix}-description`}
        defaultValue={state.values?.description ?? collection?.description}
        error={state.fieldErrors?.description}
      />
      <FormError id={`${prefix}-error`} message={state.error} />
      <div className="flex items-center gap-3">
        <SubmitButton size="sm" pending={pending} pendingLabel="Saving…">
          {collection ? "Save collection" : "Create collection"}
        </SubmitButton>
        {state.ok ? (
          <p role="status" className="text-sm text-foreground">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
