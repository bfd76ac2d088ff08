-- Search (src/server/data/search-photos.ts): full text over titles, tags and descriptions, and
-- trigram matching over titles and tags for typos. Both extensions are "trusted" (PostgreSQL 13+):
-- the database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Language-neutral: no stemming and no stop words (titles are in every language, and "the who" is a
-- band), but accents folded, so "sao" finds "São". ASCII words need no unaccent.
CREATE TEXT SEARCH CONFIGURATION "pinhole_search" ( COPY = simple );
ALTER TEXT SEARCH CONFIGURATION "pinhole_search"
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- What trigram matching compares: title and tags, accents folded, lower-cased. unaccent() is only
-- STABLE (its dictionary could be changed); naming the dictionary makes this safe to index, as long
-- as nobody edits unaccent.rules under a live index.
CREATE FUNCTION "photo_search_text"("title" TEXT, "tags" TEXT[]) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, title || ' ' || array_to_string(tags, ' ')));

ALTER TABLE "photos" ADD COLUMN "search_vector" TSVECTOR;

-- Kept by the database, so no write path can forget it. A BEFORE trigger sets the row being written
-- (no second UPDATE), so photos_page_version sees one change, not two. Weights: title A, tags B,
-- description C.
CREATE FUNCTION "photos_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('pinhole_search', NEW.title), 'A') ||
    setweight(to_tsvector('pinhole_search', array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector('pinhole_search', NEW.description), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER "photos_search_vector" BEFORE INSERT OR UPDATE OF "title", "tags", "description" ON "photos"
  FOR EACH ROW EXECUTE FUNCTION photos_search_vector();

-- Existing rows (fires the trigger; bumps each owner's page version once, which is harmless).
UPDATE "photos" SET "title" = "title";

CREATE INDEX "photos_search_vector_idx" ON "photos" USING GIN ("search_vector");
CREATE INDEX "photos_search_text_trgm_idx" ON "photos" USING GIN (photo_search_text("title", "tags") gin_trgm_ops);
