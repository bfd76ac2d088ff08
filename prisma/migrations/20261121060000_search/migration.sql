-- Search (src/server/data/search-photos.ts): full text over titles, tags and descriptions, and
-- trigram matching of misspelt words against the words photos have. Both extensions are "trusted"
-- (PostgreSQL 13+): the database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Language-neutral: no stemming and no stop words (titles are in every language, and "the who" is a
-- band), but accents folded, so "sao" finds "São". ASCII words need no unaccent.
CREATE TEXT SEARCH CONFIGURATION "pinhole_search" ( COPY = simple );
ALTER TEXT SEARCH CONFIGURATION "pinhole_search"
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- Every word any photo's title, tags or description has ever had (lexemes, as search_vector holds
-- them): what a misspelt word is corrected to, by trigram similarity. Thousands of rows rather than a
-- million, so a typo is looked up in milliseconds; words of deleted or edited photos stay, harmlessly
-- (a correction to them finds nothing the viewer may not see: the search itself is scoped).
CREATE TABLE "search_words" (
    "word" TEXT NOT NULL,

    CONSTRAINT "search_words_pkey" PRIMARY KEY ("word")
);
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING GIN ("word" gin_trgm_ops);

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
  INSERT INTO search_words (word) SELECT unnest(tsvector_to_array(NEW.search_vector)) ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;

CREATE TRIGGER "photos_search_vector" BEFORE INSERT OR UPDATE OF "title", "tags", "description" ON "photos"
  FOR EACH ROW EXECUTE FUNCTION photos_search_vector();

-- Existing rows (fires the trigger; bumps each owner's page version once, which is harmless).
UPDATE "photos" SET "title" = "title";

CREATE INDEX "photos_search_vector_idx" ON "photos" USING GIN ("search_vector");
