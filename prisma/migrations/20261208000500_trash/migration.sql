-- The trash: a deleted photo keeps its row with "deleted_at" set (every read already leaves such rows
-- out) for TRASH_DAYS, so it can be restored with its albums, grants, favourites and comments; the sweep
-- then deletes the row and its files. This index serves the owner's /trash page and the sweep, and holds
-- only the trashed rows.
CREATE INDEX "photos_trashed_idx" ON "photos"("owner_id", "deleted_at" DESC) WHERE "deleted_at" IS NOT NULL;
CREATE INDEX "photos_trash_expiry_idx" ON "photos"("deleted_at") WHERE "deleted_at" IS NOT NULL;
