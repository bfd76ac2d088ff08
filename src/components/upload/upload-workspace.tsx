"use client";

import { resolveTargetAlbum, type AlbumChoice } from "./album-choice";
import { AlbumSelect } from "./album-select";
import { DropZone } from "./drop-zone";
import { formatBytes } from "./format-bytes";
import { UploadQueueList } from "./upload-queue-list";
import { useUploadQueue, useUploadQueueState } from "./upload-queue-context";

interface UploadWorkspaceProps {
  albums: readonly AlbumChoice[];
  /** The server's limit (UPLOAD_MAX_BYTES), checked here only for instant feedback. */
  maxBytes: number;
}

export function UploadWorkspace({ albums, maxBytes }: UploadWorkspaceProps) {
  const queue = useUploadQueue();
  const { targetAlbumId } = useUploadQueueState();
  const albumId = resolveTargetAlbum(albums, targetAlbumId);

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
        <DropZone
          hint={`JPEG, PNG, WebP, AVIF, GIF or HEIC, up to ${formatBytes(maxBytes)} each`}
          onFiles={(files) => queue.addFiles(files, { maxBytes, albumId })}
        />
      </div>
      <UploadQueueList albums={albums} />
    </div>
  );
}
