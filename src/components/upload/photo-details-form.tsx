"use client";

import type { FormEvent } from "react";
import { TAGS_HINT } from "@/lib/tags";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AlbumChoice } from "./album-choice";
import { AlbumSelect } from "./album-select";
import { DetailsField } from "./details-field";
import { DetailsSaveStatus } from "./details-save-status";
import { LicenseSelect } from "./license-select";
import type { PhotoDetailsDraft, UploadItem } from "./upload-item";
import { useUploadQueue } from "./upload-queue-context";

interface PhotoDetailsFormProps {
  item: UploadItem;
  albums: readonly AlbumChoice[];
}

// The draft lives in the upload queue, not in this form, so it survives leaving the page and can be
// filled in before the photo exists; the queue posts it to updatePhotoDetailsAction once it does.
export function PhotoDetailsForm({ item, albums }: PhotoDetailsFormProps) {
  const queue = useUploadQueue();
  const { draft, save, result } = item.details;
  const errors = result.fieldErrors ?? {};
  const idFor = (field: string) => `upload-${item.id}-${field}`;
  const edit = (patch: Partial<PhotoDetailsDraft>) => queue.editDetails(item.id, patch);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    queue.requestSave(item.id);
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      data-testid="upload-details"
      className="mt-4 grid gap-4 border-t border-border pt-4 sm:grid-cols-2"
    >
      <DetailsField
        id={idFor("title")}
        name="title"
        label="Title"
        value={draft.title}
        onChange={(title) => edit({ title })}
        error={errors.title}
      />
      {albums.length > 0 ? (
        <AlbumSelect
          id={idFor("album")}
          name="albumId"
          label="Album"
          albums={albums}
          value={draft.albumId}
          onChange={(albumId) => edit({ albumId })}
          error={errors.albumId}
        />
      ) : null}
      <DetailsField
        id={idFor("description")}
        name="description"
        label="Description"
        value={draft.description}
        onChange={(description) => edit({ description })}
        error={errors.description}
        multiline
      />
      <DetailsField
        id={idFor("tags")}
        name="tags"
        label="Tags"
        value={draft.tags}
        onChange={(tags) => edit({ tags })}
        error={errors.tags}
        hint={TAGS_HINT}
      />
      <LicenseSelect
        id={idFor("license")}
        value={draft.license}
        onChange={(license) => edit({ license })}
        error={errors.license}
      />
      <div className="flex flex-col gap-3 sm:col-span-2">
        <FormError id={idFor("details-error")} message={result.error} />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <SubmitButton
            variant="secondary"
            size="sm"
            pending={save === "saving"}
            pendingLabel="Saving…"
            data-testid="upload-save"
          >
            Save details
          </SubmitButton>
          <DetailsSaveStatus item={item} />
        </div>
      </div>
    </form>
  );
}
