-- Who sees a person's new uploads unless they choose otherwise at upload (issue 17). Public for
-- everyone, as uploads were until now; changed in /settings.
ALTER TABLE "users" ADD COLUMN "default_visibility" "visibility" NOT NULL DEFAULT 'PUBLIC';
