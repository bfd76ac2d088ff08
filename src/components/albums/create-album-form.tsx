"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { AlbumFormState } from "@/server/actions/albums/album-input";
import { createAlbumAction } from "@/server/actions/albums/create-album";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { DescriptionField } from "./description-field";

const initialState: AlbumFormState = {};

// New albums start private (they lend access to nobody); each photo's own visibility still applies.
export function CreateAlbumForm() {
  const [state, formAction, pending] = useActionState(createAlbumAction, initialState);
  return (
    <form
      action={formAction}
      noValidate
      aria-labelledby="new-album-heading"
      className="flex flex-col gap-4"
      data-testid="new-album-form"
    >
      <h3 id="new-album-heading" className="text-base font-semibold text-foreground">
        New album
      </h3>
      <TextField
        name="title"
        label="Title"
        required
        maxLength={200}
        defaultValue={state.values?.title}
        error={state.fieldErrors?.title}
      />
      <DescriptionField
        id="new-album-description"
        defaultValue={state.values?.description}
        error={state.fieldErrors?.description}
      />
      <FormError id="new-album-error" message={state.error} />
      <div>
        <SubmitButton size="sm" pending={pending} pendingLabel="Creating…">
          Create album
        </SubmitButton>
      </div>
      {state.ok && state.albumId ? (
        <p role="status" className="text-sm text-foreground">
          Created “{state.albumTitle}”.{" "}
          <Link href={`/albums/${state.albumId}`} className="font-medium text-accent underline">
            Open it
          </Link>
        </p>
      ) : null}
    </form>
  );
}
