-- Media URLs carry a random secret per access version (as Flickr's `secret`), not the version's
-- counter: /media/<photo>/<secret>/<file>. Knowing a photo's id and guessing "the next number"
-- finds nothing, and once access narrows the old URLs are known only to those who already held them.
--
-- 64 random bits as 16 hex characters. gen_random_uuid() is core PostgreSQL (13+) and draws from the
-- strong random source; md5 only spreads its 122 random bits evenly over the characters kept.
CREATE FUNCTION "new_media_secret"() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT left(md5(gen_random_uuid()::text), 16)
$$;

-- A volatile default: every existing photo gets a secret of its own.
ALTER TABLE "photos" ADD COLUMN "media_secret" TEXT NOT NULL DEFAULT new_media_secret();

-- Every path that narrows access bumps access_version (visibility, a viewer removed, an album that
-- lent access, download turned off, a moderator hiding it); a photo marked deleted is gone for
-- everyone. Either gives the photo a new secret in the same statement, so no path can forget.
CREATE FUNCTION "photos_rotate_media_secret"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.access_version <> OLD.access_version
     OR (NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL) THEN
    NEW.media_secret := new_media_secret();
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "photos_media_secret" BEFORE UPDATE ON "photos"
  FOR EACH ROW EXECUTE FUNCTION photos_rotate_media_secret();

-- Shared caches (the documented nginx proxy_cache, Vercel's CDN) may hold the old URLs of a photo
-- whose secret changed or that was deleted: one `purge-media` job per statement names them, and
-- commits with the change (src/server/jobs/handlers/purge-media.ts). Statement-level, so a bulk
-- change of 2 000 photos is one job, not 2 000.
CREATE FUNCTION "photos_purge_old_media"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone json;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT json_agg(json_build_object('photoId', o.id, 'secret', o.media_secret))
      INTO gone FROM old_rows o;
  ELSE
    SELECT json_agg(json_build_object('photoId', o.id, 'secret', o.media_secret))
      INTO gone FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE n.media_secret <> o.media_secret;
  END IF;
  IF gone IS NOT NULL THEN
    PERFORM graphile_worker.add_job('purge-media', json_build_object('media', gone), max_attempts => 5);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "photos_purge_media_on_update" AFTER UPDATE ON "photos"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION photos_purge_old_media();

CREATE TRIGGER "photos_purge_media_on_delete" AFTER DELETE ON "photos"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION photos_purge_old_media();
