-- The interestingness recompute reads recent photos (photos_feed_recent_idx) and the photos still holding a
-- score, to reset them: a small partial index makes that side a lookup instead of a table scan.
CREATE INDEX "photos_scored_idx" ON "photos"("id") WHERE "interestingness" <> 0;
