-- A version per person, bumped by the database in the same transaction as any change to what their
-- pages can show (their profile, albums or photos). The page cache (src/server/cache/
-- page-cache-handler.mjs) serves a page rendered for anonymous visitors only while its person's
-- version is the one it read before rendering, so a change is visible on the next request on every
-- app server, and no code path can forget to invalidate: the triggers see every write.
--
-- No foreign key: rows of a deleted person are harmless, and a cascade deleting a person's photos
-- would otherwise race the person's own row.
CREATE TABLE "page_versions" (
    "owner_id" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "page_versions_pkey" PRIMARY KEY ("owner_id")
);

CREATE FUNCTION "bump_page_version"("owner" UUID) RETURNS void LANGUAGE sql AS $$
  INSERT INTO page_versions (owner_id, version) VALUES (owner, 1)
  ON CONFLICT (owner_id) DO UPDATE SET version = page_versions.version + 1
$$;

-- Counters that change with every favorite or comment, and timestamps, do not change a page.
CREATE FUNCTION "photos_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new photo shows nowhere until it is READY, which is an UPDATE.
    IF NEW.status = 'READY' THEN PERFORM bump_page_version(NEW.owner_id); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM bump_page_version(OLD.owner_id);
  ELSIF (to_jsonb(OLD) - 'favorite_count' - 'comment_count' - 'interestingness' - 'updated_at')
        IS DISTINCT FROM
        (to_jsonb(NEW) - 'favorite_count' - 'comment_count' - 'interestingness' - 'updated_at') THEN
    PERFORM bump_page_version(NEW.owner_id);
    IF NEW.owner_id <> OLD.owner_id THEN PERFORM bump_page_version(OLD.owner_id); END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "photos_page_version" AFTER INSERT OR UPDATE OR DELETE ON "photos"
  FOR EACH ROW EXECUTE FUNCTION photos_bump_page_version();

CREATE FUNCTION "albums_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM bump_page_version(OLD.owner_id);
  ELSIF TG_OP = 'INSERT' OR (to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at') THEN
    PERFORM bump_page_version(NEW.owner_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "albums_page_version" AFTER INSERT OR UPDATE OR DELETE ON "albums"
  FOR EACH ROW EXECUTE FUNCTION albums_bump_page_version();

-- A person's own row: name, handle, bio, avatar; not their password, sessions or sign-in times.
CREATE FUNCTION "users_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (OLD.handle, OLD.display_name, OLD.bio, OLD.avatar_key) IS DISTINCT FROM (NEW.handle, NEW.display_name, NEW.bio, NEW.avatar_key) THEN
    PERFORM bump_page_version(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "users_page_version" AFTER INSERT OR UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION users_bump_page_version();
