-- Who sees a person's new uploads unless they choose otherwise at upload (issue 17). Public for
-- everyone, as uploads were until now; changed in /settings.
ALTER TABLE "users" ADD COLUMN "default_visibility" "visibility" NOT NULL DEFAULT 'PUBLIC';

-- "Ana shared a photo (or an album) with you" (issue 17).
ALTER TYPE "notification_type" ADD VALUE 'SHARE';
