"use client";

import type { Visibility } from "@/lib/access";
import { describeUploadVisibility, uploadVisibility } from "@/lib/upload-visibility";
import { resolveTargetAlbum, type AlbumChoice } from "./album-choice";
import { AlbumSelect } from "./album-select";
import { DropZone } from "./drop-zone";
import { fieldClasses } from "./field-styles";
import { formatBytes } from "./format-bytes";
import { UploadQueueList } from "./upload-queue-list";
import { useUploadQueue, useUploadQueueState } from "./upload-queue-context";

interface UploadWorkspaceProps {
  albums: readonly AlbumChoice[];
  /** The uploader's default for new uploads (settings). */
  defaultVisibility: Visibility;
  /** The server's limit (UPLOAD_MAX_BYTES), checked here only for instant feedback. */
  maxBytes: number;
}

export function UploadWorkspace({ albums, defaultVisibility, maxBytes }: UploadWorkspaceProps) {
  const queue = useUploadQueue();
  const { targetAlbumId, targetVisibility } = useUploadQueueState();
  const albumId = resolveTargetAlbum(albums, targetAlbumId);
  const album = albums.find((a) => a.id === albumId) ?? null;
  // What the server will do unless the person picks otherwise, said before anything is sent.
  const automatic = uploadVisibility(defaultVisibility, album);
  const visibility = targetVisibility ?? automatic;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        {albums.length > 0 && albumId ? (
          <AlbumSelect
            id="upload-target-album"
            label="Add to album"
            hint="Photos you add from now on go into this album. You can change each one below."
            albums={albums}
            value={albumId}
            onChange={(id) => queue.setTargetAlbum(id)}
            className="max-w-sm"
          />
        ) : null}
        <div className="flex max-w-xl flex-col gap-1.5">
          <label htmlFor="upload-visibility" className="text-sm font-medium text-foreground">
            Who can see them
          </label>
          <select
            id="upload-visibility"
            value={visibility}
            onChange={(event) => queue.setTargetVisibility(event.currentTarget.value as Visibility)}
            aria-describedby="upload-visibility-hint"
            className={fieldClasses(false, "h-11")}
          >
            {VISIBILITIES.map((choice) => (
              <option key={choice} value={choice}>
                {describeUploadVisibility(choice)}
              </option>
            ))}
          </select>
          <p id="upload-visibility-hint" data-testid="upload-visibility-hint" className="text-sm text-muted">
            {visibilityHint(defaultVisibility, album, automatic, targetVisibility)}
          </p>
        </div>
        <DropZone
          hint={`JPEG, PNG, WebP, AVIF, GIF or HEIC, up to ${formatBytes(maxBytes)} each`}
          onFiles={(files) => queue.addFiles(files, { maxBytes, albumId, visibility: targetVisibility })}
        />
      </div>
      <UploadQueueList albums={albums} />
    </div>
  );
}

const VISIBILITIES: Visibility[] = ["PUBLIC", "SHARED", "PRIVATE"];
const WORD: Record<Visibility, string> = { PUBLIC: "Public", SHARED: "Shared", PRIVATE: "Private" };

function visibilityHint(
  defaultVisibility: Visibility,
  album: AlbumChoice | null,
  automatic: Visibility,
  chosen: Visibility | null,
): string {
  if (chosen !== null)
    return "Your choice for the photos you add from now on. You can change each one later.";
  const narrowed = automatic !== defaultVisibility && album !== null;
  return narrowed
    ? `${WORD[automatic]}: your default for new uploads is ${WORD[defaultVisibility]}, and the album “${album.title}” is ${WORD[album.visibility]}.`
    : `${WORD[automatic]}: your default for new uploads (change it in Settings).`;
}
