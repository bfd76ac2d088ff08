import type { Visibility } from "@/lib/access";
import type { FormState, PhotoDetailsField } from "@/lib/form-state";
import type { UploadedPhoto } from "@/lib/upload-api";
import { newUploadItem } from "./new-upload-item";
import { sendUpload, type UploadOutcome } from "./send-upload";
import type { DetailsState, PhotoDetailsDraft, UploadItem, UploadStatus } from "./upload-item";

export type SaveDetails = (
  prev: FormState<PhotoDetailsField>,
  formData: FormData,
) => Promise<FormState<PhotoDetailsField>>;

export interface UploadQueueSnapshot {
  items: readonly UploadItem[];
  /** The page-level "Add to album" choice; null means the default album. */
  targetAlbumId: string | null;
  /** The page-level "Who can see them" choice; null: the default, limited by the album. */
  targetVisibility: Visibility | null;
}

export const EMPTY_QUEUE: UploadQueueSnapshot = { items: [], targetAlbumId: null, targetVisibility: null };

const SAVE_FAILED = "Couldn't save the details. Check your connection, then try again.";

// The upload queue lives outside React (read through useSyncExternalStore) because XHR callbacks
// and the sequential hand-off from one upload to the next need the current state, not the state a
// render happened to close over. It is created once in the root layout's providers, so it keeps
// going while the person browses other pages.
export class UploadQueueStore {
  private snapshot: UploadQueueSnapshot = EMPTY_QUEUE;
  private readonly listeners = new Set<() => void>();
  /** The one upload in flight: files go up one at a time. */
  private active: { itemId: string; abort: () => void } | null = null;

  constructor(private readonly saveDetails: SaveDetails) {}

  // Arrow properties: React calls these detached from the instance.
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): UploadQueueSnapshot => this.snapshot;

  addFiles(
    files: readonly File[],
    {
      maxBytes,
      albumId,
      visibility,
    }: { maxBytes: number; albumId: string | null; visibility?: Visibility | null },
  ) {
    const added = files.map((file) => newUploadItem(file, maxBytes, albumId, visibility ?? null));
    this.commit({ ...this.snapshot, items: [...this.snapshot.items, ...added] });
    this.pump();
  }

  setTargetAlbum(albumId: string) {
    // A new album may narrow what the default gives: the choice starts again from its answer.
    this.commit({ ...this.snapshot, targetAlbumId: albumId, targetVisibility: null });
  }

  setTargetVisibility(visibility: Visibility) {
    this.commit({ ...this.snapshot, targetVisibility: visibility });
  }

  /** Aborts the upload in flight, or takes a waiting file out of the queue. */
  cancel(itemId: string) {
    const item = this.find(itemId);
    if (item?.status === "queued") {
      this.commit({ ...this.snapshot, items: this.snapshot.items.filter((i) => i.id !== itemId) });
    } else if (item?.status === "uploading" && this.active?.itemId === itemId) {
      this.active.abort();
    }
  }

  /** Queues the file again with the same id, so the server can recognise a repeat. */
  retry(itemId: string) {
    const item = this.find(itemId);
    const canRetry = item?.status === "cancelled" || (item?.status === "failed" && item.retryable);
    if (!canRetry) return;
    this.update(itemId, (i) => ({ ...i, status: "queued", sent: 0, error: null }));
    this.pump();
  }

  /** Drops everything that is done with: uploaded, failed or cancelled. */
  clearFinished() {
    const settled: UploadStatus[] = ["ready", "failed", "cancelled"];
    this.commit({ ...this.snapshot, items: this.snapshot.items.filter((i) => !settled.includes(i.status)) });
  }

  editDetails(itemId: string, patch: Partial<PhotoDetailsDraft>) {
    this.updateDetails(itemId, (d) => ({
      ...d,
      draft: { ...d.draft, ...patch },
      dirty: true,
      save: d.save === "saved" ? "idle" : d.save,
    }));
  }

  /** Saves now if the photo exists; otherwise as soon as the upload answers with its id. */
  requestSave(itemId: string) {
    const item = this.find(itemId);
    if (!item || item.details.save === "saving") return;
    if (item.photo) void this.save(itemId);
    else this.updateDetails(itemId, (d) => ({ ...d, save: "waiting" }));
  }

  /** Called by the status poller once processing has finished either way. */
  settleProcessing(itemId: string, photo: UploadedPhoto) {
    const item = this.find(itemId);
    if (item?.status !== "processing" || item.photo?.id !== photo.id) return;
    this.update(itemId, (i) => withPhoto(i, photo));
  }

  /** Called by the status poller when it could not find out; Retry asks the server again. */
  pollFailed(itemId: string, message: string) {
    if (this.find(itemId)?.status !== "processing") return;
    this.update(itemId, (i) => ({
      ...i,
      status: "failed",
      retryable: true,
      error: `Couldn't check on this photo: ${message}. Retry to ask again.`,
    }));
  }

  private pump() {
    if (this.active) return;
    const next = this.snapshot.items.find((i) => i.status === "queued");
    if (!next) return;

    const upload = sendUpload({
      file: next.file,
      idempotencyKey: next.id,
      // The item's own album choice (preset from "Add to album") applies if it was changed while queued.
      albumId: next.details.draft.albumId || null,
      visibility: next.visibility,
      onProgress: (sent) => this.update(next.id, (i) => ({ ...i, sent })),
    });
    this.active = { itemId: next.id, abort: upload.abort };
    this.update(next.id, (i) => ({ ...i, status: "uploading", sent: 0, error: null }));

    void upload.result.then((outcome) => {
      this.active = null;
      this.finishUpload(next.id, outcome);
      this.pump();
    });
  }

  private finishUpload(itemId: string, outcome: UploadOutcome) {
    if (outcome.kind === "aborted") {
      this.update(itemId, (i) => ({ ...i, status: "cancelled" }));
      return;
    }
    if (outcome.kind === "failed") {
      this.update(itemId, (i) => ({
        ...i,
        status: "failed",
        error: outcome.message,
        retryable: outcome.retryable,
      }));
      return;
    }
    this.update(itemId, (i) => ({
      ...withPhoto(i, outcome.photo),
      sent: i.file.size,
      duplicate: outcome.duplicate,
      details: i.details.dirty
        ? i.details
        : // Nothing typed yet: show what the server made of the file (it may read a title from EXIF).
          {
            ...i.details,
            draft: { ...i.details.draft, title: outcome.photo.title, albumId: outcome.photo.albumId },
          },
    }));
    // Edits made while the file was still on its way are kept and sent now that the photo exists.
    const details = this.find(itemId)?.details;
    if (details && (details.dirty || details.save === "waiting")) void this.save(itemId);
  }

  private async save(itemId: string) {
    const item = this.find(itemId);
    if (!item?.photo) return;
    const draft = item.details.draft;
    this.updateDetails(itemId, (d) => ({ ...d, save: "saving" }));

    let result: FormState<PhotoDetailsField>;
    try {
      result = await this.saveDetails({}, detailsFormData(item.photo.id, draft));
    } catch (cause) {
      console.error("Saving photo details failed", cause);
      result = { error: SAVE_FAILED };
    }

    this.updateDetails(itemId, (d) =>
      result.ok
        ? // Typing that happened during the save stays marked as unsaved.
          { ...d, save: "saved", result: {}, dirty: !sameDraft(d.draft, draft) }
        : { ...d, save: "error", result },
    );
  }

  private find(itemId: string): UploadItem | undefined {
    return this.snapshot.items.find((i) => i.id === itemId);
  }

  // A no-op for an item that has gone (cleared or cancelled while a request was still out).
  private update(itemId: string, change: (item: UploadItem) => UploadItem) {
    if (!this.find(itemId)) return;
    this.commit({
      ...this.snapshot,
      items: this.snapshot.items.map((i) => (i.id === itemId ? change(i) : i)),
    });
  }

  private updateDetails(itemId: string, change: (details: DetailsState) => DetailsState) {
    this.update(itemId, (i) => ({ ...i, details: change(i.details) }));
  }

  private commit(next: UploadQueueSnapshot) {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

function withPhoto(item: UploadItem, photo: UploadedPhoto): UploadItem {
  switch (photo.status) {
    case "READY":
      return { ...item, photo, status: "ready", error: null };
    case "FAILED":
      return {
        ...item,
        photo,
        status: "failed",
        // The server already has these bytes and could not process them; sending them again won't help.
        retryable: false,
        error: photo.failureReason ?? "Pinhole couldn't process this photo.",
      };
    case "PROCESSING":
      return { ...item, photo, status: "processing", error: null };
  }
}

function detailsFormData(photoId: string, draft: PhotoDetailsDraft): FormData {
  const data = new FormData();
  data.set("photoId", photoId);
  data.set("title", draft.title);
  data.set("description", draft.description);
  data.set("tags", draft.tags);
  if (draft.albumId) data.set("albumId", draft.albumId);
  if (draft.license) data.set("license", draft.license);
  return data;
}

function sameDraft(a: PhotoDetailsDraft, b: PhotoDetailsDraft): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.tags === b.tags &&
    a.albumId === b.albumId &&
    a.license === b.license
  );
}
