"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/server/actions/albums/album-input";
import { addCollectionAlbumAction } from "@/server/actions/collections/add-collection-album";
import { deleteCollectionAction } from "@/server/actions/collections/delete-collection";
import { moveCollectionAlbumAction } from "@/server/actions/collections/move-collection-album";
import { removeCollectionAlbumAction } from "@/server/actions/collections/remove-collection-album";
import { setCollectionCoverAction } from "@/server/actions/collections/set-collection-cover";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { buttonClasses } from "@/components/ui/button-styles";

const selectClasses =
  "h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";

function useRunner() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const result = await action();
      setNotice(
        result.ok
          ? { error: false, text: result.message ?? "Done." }
          : { error: true, text: result.error ?? "That did not work. Reload and try again." },
      );
    });
  return { notice, pending, run };
}

/** Adds one of the owner's albums (those not in the collection yet) to the collection, and deletes it. */
export function CollectionAddAlbum({
  collectionId,
  albums,
}: {
  collectionId: string;
  albums: { id: string; title: string }[];
}) {
  const { notice, pending, run } = useRunner();
  const [albumId, setAlbumId] = useState(albums[0]?.id ?? "");
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-col gap-2" data-testid="collection-add-album">
      <div className="flex flex-wrap items-end gap-2">
        {albums.length > 0 ? (
          <>
            <div className="flex flex-col gap-1">
              <label htmlFor="collection-add-album" className="text-xs font-medium text-muted">
                Add an album
              </label>
              <select
                id="collection-add-album"
                value={albumId}
                onChange={(event) => setAlbumId(event.currentTarget.value)}
                className={selectClasses}
              >
                {albums.map((album) => (
                  <option key={album.id} value={album.id}>
                    {album.title}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              disabled={pending}
              onClick={() => run(() => addCollectionAlbumAction({ collectionId, albumId }))}
              className={buttonClasses("secondary", "sm")}
            >
              Add album
            </button>
          </>
        ) : (
          <p className="text-sm text-muted">Every one of your albums is in this collection.</p>
        )}
        {confirming ? (
          <span className="flex items-center gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => run(() => deleteCollectionAction({ collectionId }))}
              className={buttonClasses("danger", "sm")}
            >
              Yes, delete collection
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className={buttonClasses("ghost", "sm")}
            >
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className={buttonClasses("ghost", "sm", "text-danger")}
          >
            Delete collection…
          </button>
        )}
      </div>
      {confirming ? (
        <p className="text-sm text-muted">The albums in it, and their photos, are kept.</p>
      ) : null}
      <div className="text-sm">
        <ActionNotice notice={notice} successClassName="text-foreground" />
      </div>
    </div>
  );
}

/** The owner's buttons under one album of the collection: order, cover, remove. */
export function CollectionAlbumTools({
  collectionId,
  albumId,
  title,
  isCover,
  first,
  last,
}: {
  collectionId: string;
  albumId: string;
  title: string;
  isCover: boolean;
  first: boolean;
  last: boolean;
}) {
  const { notice, pending, run } = useRunner();
  const ids = { collectionId, albumId };
  const small = "h-7 px-2 text-xs";
  return (
    <div className="mt-1 flex flex-col gap-1">
      <div className="flex flex-wrap gap-1" role="group" aria-label={`Arrange “${title}”`}>
        <button
          type="button"
          aria-label="Move earlier"
          disabled={pending || first}
          onClick={() => run(() => moveCollectionAlbumAction({ ...ids, direction: "earlier" }))}
          className={buttonClasses("ghost", "sm", small)}
        >
          ←
        </button>
        <button
          type="button"
          aria-label="Move later"
          disabled={pending || last}
          onClick={() => run(() => moveCollectionAlbumAction({ ...ids, direction: "later" }))}
          className={buttonClasses("ghost", "sm", small)}
        >
          →
        </button>
        {isCover ? (
          <span className="self-center text-xs font-medium text-accent" data-testid="collection-cover-badge">
            Cover
          </span>
        ) : (
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => setCollectionCoverAction(ids))}
            className={buttonClasses("ghost", "sm", small)}
          >
            Set as cover
          </button>
        )}
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => removeCollectionAlbumAction(ids))}
          className={buttonClasses("ghost", "sm", `${small} text-danger`)}
        >
          Remove
        </button>
      </div>
      <div className="text-xs">
        <ActionNotice notice={notice} />
      </div>
    </div>
  );
}
