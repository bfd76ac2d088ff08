"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { FormState, PhotoDetailsField } from "@/lib/form-state";
import { LICENSE_CHOICES, licenseLabel, type License } from "@/lib/licenses";
import { TAGS_HINT } from "@/lib/tags";
import { updatePhotoDetailsAction } from "@/server/actions/update-photo-details";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { EditField } from "./edit-field";

export interface EditablePhoto {
  id: string;
  title: string;
  description: string;
  tags: string[];
  albumId: string;
  allowOriginal: boolean;
  license: License;
}

interface PhotoEditFormProps {
  photo: EditablePhoto;
  albums: { id: string; title: string }[];
}

const initialState: FormState<PhotoDetailsField> = {};

// The owner's details, edited in place on the photo page through the same action the upload page
// uses. Closed, it is one button; after a save the page re-renders with the new details.
export function PhotoEditForm({ photo, albums }: PhotoEditFormProps) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(updatePhotoDetailsAction, initialState);
  // The action's result current when the form was opened (null: closed). A newer one belongs to
  // this round of editing; reopening starts again from the saved details.
  const [openedWith, setOpenedWith] = useState<FormState<PhotoDetailsField> | null>(null);
  const fresh = openedWith !== null && state !== openedWith;
  const saved = fresh && state.ok === true;
  const open = openedWith !== null && !saved;
  const errors = fresh ? (state.fieldErrors ?? {}) : {};
  const values = fresh ? (state.values ?? {}) : {};
  const handled = useRef(state);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();

  // A new result from the action: after a save, show the page's fresh details (the action
  // revalidates the upload page, not this one); after a refusal, focus the first field in error.
  useEffect(() => {
    if (state === handled.current) return;
    handled.current = state;
    if (state.ok) router.refresh();
    else formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, router]);

  // Opening moves focus to the first field; closing puts it back on the button that opened it.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    if (open) formRef.current?.querySelector<HTMLElement>("input:not([type=hidden])")?.focus();
    else toggleRef.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <button
          ref={toggleRef}
          type="button"
          onClick={() => setOpenedWith(state)}
          className={buttonClasses("secondary", "sm")}
          data-testid="photo-edit"
        >
          Edit details
        </button>
        {saved ? (
          <p role="status" className="text-sm text-muted" data-testid="photo-edit-status">
            Saved.
          </p>
        ) : null}
      </div>
    );
  }

  const field = (name: PhotoDetailsField) => `${formId}-${name}`;
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      data-testid="photo-edit-form"
      aria-label="Edit photo details"
      className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-4"
    >
      <input type="hidden" name="photoId" value={photo.id} />
      {/* After a failed save React resets the form to these defaults: they carry what was typed. */}
      <EditField
        id={field("title")}
        name="title"
        label="Title"
        defaultValue={values.title ?? photo.title}
        error={errors.title}
      />
      <EditField
        id={field("description")}
        name="description"
        label="Description"
        defaultValue={values.description ?? photo.description}
        error={errors.description}
        multiline
      />
      <EditField
        id={field("tags")}
        name="tags"
        label="Tags"
        defaultValue={values.tags ?? photo.tags.join(", ")}
        error={errors.tags}
        hint={TAGS_HINT}
      />
      <EditField
        id={field("albumId")}
        name="albumId"
        label="Album"
        defaultValue={values.albumId ?? photo.albumId}
        error={errors.albumId}
        options={albums.map((a) => ({ value: a.id, label: a.title }))}
      />
      <EditField
        id={field("license")}
        name="license"
        label="License"
        defaultValue={values.license ?? photo.license}
        error={errors.license}
        options={LICENSE_CHOICES.map((l) => ({ value: l.id, label: licenseLabel(l.id) }))}
      />
      <div className="flex flex-col gap-1">
        {/* Unticked boxes send nothing: this "off" goes first, a ticked box's "on" after it wins. */}
        <input type="hidden" name="allowOriginal" value="off" />
        <label className="inline-flex items-center gap-2 text-sm font-medium text-foreground">
          <input
            type="checkbox"
            name="allowOriginal"
            value="on"
            defaultChecked={values.allowOriginal ? values.allowOriginal === "on" : photo.allowOriginal}
            aria-describedby={`${formId}-allowOriginal-hint`}
            className="size-4 accent-accent"
            data-testid="photo-edit-allow-original"
          />
          Let others download the original
        </label>
        <p id={`${formId}-allowOriginal-hint`} className="text-sm text-muted">
          Anyone who can see this photo gets the full-size file, with its location removed.
        </p>
      </div>
      <FormError id={`${formId}-form-error`} message={fresh ? state.error : undefined} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton size="sm" pending={pending} pendingLabel="Saving…" data-testid="photo-edit-save">
          Save details
        </SubmitButton>
        <button
          type="button"
          onClick={() => setOpenedWith(null)}
          className={buttonClasses("ghost", "sm")}
          data-testid="photo-edit-cancel"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
