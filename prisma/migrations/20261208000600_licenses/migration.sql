-- Licenses: each photo's terms of reuse and each person's default for new uploads.
CREATE TYPE "license" AS ENUM ('ALL_RIGHTS_RESERVED', 'CC_BY', 'CC_BY_SA', 'CC_BY_ND', 'CC_BY_NC', 'CC_BY_NC_SA', 'CC_BY_NC_ND', 'CC0', 'PDM');

ALTER TABLE "users" ADD COLUMN "default_license" "license" NOT NULL DEFAULT 'ALL_RIGHTS_RESERVED';
ALTER TABLE "photos" ADD COLUMN "license" "license" NOT NULL DEFAULT 'ALL_RIGHTS_RESERVED';
