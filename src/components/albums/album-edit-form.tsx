"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { AlbumFormState } from "@/server/actions/albums/album-input";
import { updateAlbumAction } from "@/server/actions/albums/update-album";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { DescriptionField } from "./description-field";

const initialState: AlbumFormState = {};

// "Edit album" opens the title and description in place; a save closes it again.
export function AlbumEditForm({
  albumId,
  title,
  description,
}: {
  albumId: string;
  title: string;
  description: string;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(updateAlbumAction, initialState);
  const [seen, setSeen] = useState(state);
  const [saved, setSaved] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A new result: close on success (adjusting state during render, not in an effect).
  if (state !== seen) {
    setSeen(state);
    if (state.ok) {
      setOpen(false);
      setSaved(true);
    }
  }

  const wasOpen = useRef(false);
  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    if (open) formRef.current?.querySelector<HTMLInputElement>("input[name=title]")?.focus();
    else toggleRef.current?.focus();
  }, [open]);

  const values = state.ok ? undefined : state.values;
  // `contents`: the button sits in the owner's toolbar row and the form opens on a row of its own.
  return (
    <div className="contents">
      <button
        ref={toggleRef}
        type="button"
        aria-expanded={open}
        aria-controls="album-edit-form"
        onClick={() => {
          setOpen((v) => !v);
          setSaved(false);
        }}
        className={buttonClasses("secondary", "sm")}
      >
        Edit album
      </button>
      {saved ? (
        <span role="status" className="self-center text-sm text-muted">
          Album details saved.
        </span>
      ) : null}
      <div className="order-last basis-full" hidden={!open}>
        <form
          ref={formRef}
          id="album-edit-form"
          hidden={!open}
          action={formAction}
          noValidate
          onKeyDown={(event) => {
            if (event.key === "Escape") setOpen(false);
          }}
          className="flex max-w-xl flex-col gap-4 rounded-2xl border border-border bg-surface p-5"
          data-testid="album-edit-form"
        >
          <input type="hidden" name="albumId" value={albumId} />
          <TextField
            name="title"
            label="Title"
            required
            maxLength={200}
            defaultValue={values?.title ?? title}
            error={state.fieldErrors?.title}
          />
          <DescriptionField
            id="album-description"
            defaultValue={values?.description ?? description}
            error={state.fieldErrors?.description}
          />
          <FormError id="album-edit-error" message={state.error} />
          <div className="flex flex-wrap gap-3">
            <SubmitButton size="sm" pending={pending} pendingLabel="Saving…">
              Save album
            </SubmitButton>
            <button type="button" onClick={() => setOpen(false)} className={buttonClasses("ghost", "sm")}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
