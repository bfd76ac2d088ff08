-- The one access model (issue 17, src/server/policy/access.ts). Before, a photo was visible to the
-- union of its own visibility and its album's: a PUBLIC album made every photo in it public, and a
-- SHARED album lent its photos to its named viewers. Now a photo's own visibility decides, except
-- that a SHARED album (and an album's share link) still lends its photos to its named viewers (and
-- the link's holders). So who sees what is unchanged, but for one case, reported here: photos that
-- are not PUBLIC themselves but sat in a PUBLIC album are no longer public.
DO $$
DECLARE
  narrowed integer;
  inert integer;
BEGIN
  -- Not public any more: bump their versions, so media URLs that were public (and may be cached
  -- publicly under them) stop resolving, as every narrowing does.
  WITH affected AS (
    UPDATE photos p SET access_version = p.access_version + 1
    WHERE p.visibility <> 'PUBLIC' AND p.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM album_photos ap JOIN albums a ON a.id = ap.album_id
                  WHERE ap.photo_id = p.id AND a.visibility = 'PUBLIC')
    RETURNING p.status, p.hidden_at
  )
  SELECT count(*) FILTER (WHERE status = 'READY' AND hidden_at IS NULL) INTO narrowed FROM affected;
  RAISE NOTICE 'access model: % photo(s) that are not public themselves were public through a public album and are no longer (their own visibility now decides)', narrowed;

  -- Making a photo or album PRIVATE now removes its named viewers, so sharing it again never brings
  -- them back by surprise. Grants left on PRIVATE photos and albums let nobody in today; drop them.
  WITH gone AS (
    DELETE FROM access_grants g
    WHERE EXISTS (SELECT 1 FROM photos p WHERE p.id = g.photo_id AND p.visibility = 'PRIVATE')
       OR EXISTS (SELECT 1 FROM albums a WHERE a.id = g.album_id AND a.visibility = 'PRIVATE')
    RETURNING 1
  )
  SELECT count(*) INTO inert FROM gone;
  RAISE NOTICE 'access model: removed % named-viewer grant(s) on private photos and albums (they let nobody in)', inert;
END
$$;
