-- A photo may be in many albums (issue 17). `album_photos` holds every membership with the photo's
-- place in that album; `photos.album_id` stays the photo's home album (the first one, which the
-- storage layout follows) and is always one of its memberships. The order within an album moves from
-- `photos.position` to `album_photos.position`.
CREATE TABLE "album_photos" (
    "album_id" UUID NOT NULL,
    "photo_id" UUID NOT NULL,
    -- Ascending within the album; gaps allowed so a move rewrites one row.
    "position" DOUBLE PRECISION NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "album_photos_pkey" PRIMARY KEY ("album_id", "photo_id"),
    CONSTRAINT "album_photos_album_id_fkey" FOREIGN KEY ("album_id") REFERENCES "albums"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "album_photos_photo_id_fkey" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "album_photos_album_id_position_idx" ON "album_photos"("album_id", "position");
CREATE INDEX "album_photos_photo_id_idx" ON "album_photos"("photo_id");

INSERT INTO "album_photos" ("album_id", "photo_id", "position", "added_at")
  SELECT "album_id", "id", "position", "created_at" FROM "photos";

DROP INDEX "photos_album_id_position_idx";
ALTER TABLE "photos" DROP COLUMN "position";
CREATE INDEX "photos_album_id_idx" ON "photos"("album_id");

-- Trash (issue 17): a trashed photo or album is seen by nobody but its owner's trash page.
ALTER TABLE "photos" ADD COLUMN "trashed_at" TIMESTAMPTZ(3);
ALTER TABLE "albums" ADD COLUMN "trashed_at" TIMESTAMPTZ(3);

-- A photo is always in its home album. A new photo joins it, appended at its end on the upload clock
-- (epoch milliseconds, as album-positions.ts appends); a photo whose home album changes (a move)
-- leaves the old one and joins the new one (keeping its place there if it was in it already).
-- Triggers, so no path that writes photos (upload, move, seed, restore, tests) can break the rule.
CREATE FUNCTION "photos_join_home_album"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.album_id = OLD.album_id THEN RETURN NULL; END IF;
    DELETE FROM album_photos WHERE album_id = OLD.album_id AND photo_id = OLD.id;
  END IF;
  INSERT INTO album_photos (album_id, photo_id, position)
  VALUES (NEW.album_id, NEW.id,
          GREATEST(extract(epoch FROM clock_timestamp()) * 1000,
                   COALESCE((SELECT max(position) FROM album_photos WHERE album_id = NEW.album_id), 0) + 1))
  ON CONFLICT (album_id, photo_id) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "photos_join_home_album" AFTER INSERT OR UPDATE OF "album_id" ON "photos"
  FOR EACH ROW EXECUTE FUNCTION photos_join_home_album();

-- Adding a photo to an album or taking it out changes that album's pages (and the union of who sees
-- the photo): bump the owner's page version in the same transaction, as the photos trigger does.
CREATE FUNCTION "album_photos_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_page_version(a.owner_id) FROM albums a
    WHERE a.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.album_id ELSE NEW.album_id END;
  RETURN NULL;
END
$$;

CREATE TRIGGER "album_photos_page_version" AFTER INSERT OR UPDATE OR DELETE ON "album_photos"
  FOR EACH ROW EXECUTE FUNCTION album_photos_bump_page_version();
