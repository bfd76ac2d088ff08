-- The home feed's first try reads everyone's newest photos in order and keeps the followed ones
-- (src/server/data/list-feed.ts): an index in feed order over the photos a feed can show.
CREATE INDEX "photos_feed_recent_idx" ON "photos"("created_at" DESC, "id" DESC)
  WHERE "status" = 'READY' AND "deleted_at" IS NULL;

-- A grant or its removal changes what its grantee may see anywhere, their feed included: bump the
-- grantee's version in the same transaction, so the feed cache (keyed by the reader's version and
-- their followees') never serves a page from before a revocation.
CREATE FUNCTION "access_grants_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM bump_page_version(OLD.user_id);
  ELSE
    PERFORM bump_page_version(NEW.user_id);
    IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN PERFORM bump_page_version(OLD.user_id); END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "access_grants_page_version" AFTER INSERT OR UPDATE OR DELETE ON "access_grants"
  FOR EACH ROW EXECUTE FUNCTION access_grants_bump_page_version();
