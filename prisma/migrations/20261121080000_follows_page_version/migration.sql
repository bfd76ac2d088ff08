-- A person's page shows how many people follow them and how many they follow, so a follow or an
-- unfollow changes both people's pages: bump both versions in the same transaction, as the photos,
-- albums and users triggers do (20261121050000_page_versions), so the anonymous page cache stays right.
CREATE FUNCTION "follows_bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM bump_page_version(OLD.followee_id);
    PERFORM bump_page_version(OLD.follower_id);
  ELSE
    PERFORM bump_page_version(NEW.followee_id);
    PERFORM bump_page_version(NEW.follower_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "follows_page_version" AFTER INSERT OR DELETE ON "follows"
  FOR EACH ROW EXECUTE FUNCTION follows_bump_page_version();
