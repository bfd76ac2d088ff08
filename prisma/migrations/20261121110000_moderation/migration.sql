-- Moderation (src/server/data/moderation/): reports on photos and comments, and what a moderator hides.

-- A report names exactly one thing, for one of a fixed set of reasons, with optional words of the
-- reporter's (bounded: the queue shows them).
ALTER TABLE "reports" ADD COLUMN "details" TEXT NOT NULL DEFAULT '';
ALTER TABLE "reports" ADD CONSTRAINT "reports_one_target_check" CHECK (num_nonnulls("photo_id", "comment_id") = 1);
ALTER TABLE "reports" ADD CONSTRAINT "reports_reason_check" CHECK ("reason" IN ('spam', 'abuse', 'copyright', 'other'));
ALTER TABLE "reports" ADD CONSTRAINT "reports_details_length_check" CHECK (char_length("details") <= 1000);

-- One open report per reporter and target: a second one is the same complaint, and the partial
-- unique index makes two at once impossible too (the loser gets the friendly "already reported").
CREATE UNIQUE INDEX "reports_open_photo_key" ON "reports"("reporter_id", "photo_id")
  WHERE "status" = 'OPEN' AND "photo_id" IS NOT NULL;
CREATE UNIQUE INDEX "reports_open_comment_key" ON "reports"("reporter_id", "comment_id")
  WHERE "status" = 'OPEN' AND "comment_id" IS NOT NULL;

-- Resolving a target's reports, and the cascades when a photo or comment is deleted.
CREATE INDEX "reports_photo_id_idx" ON "reports"("photo_id");
CREATE INDEX "reports_comment_id_idx" ON "reports"("comment_id");

-- What the author of a hidden comment is told, like photos.hidden_reason.
ALTER TABLE "comments" ADD COLUMN "hidden_reason" TEXT;
