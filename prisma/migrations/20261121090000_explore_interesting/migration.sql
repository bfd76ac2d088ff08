-- Explore's "interesting" order (src/server/data/list-photos.ts): the listing walks this index in
-- order and stops after a page of visible rows. Partial, so photos that can never be listed (not
-- READY, hidden, deleted) take no room in it. A partial index is a rule Prisma's schema language
-- cannot express, kept by hand.
CREATE INDEX "photos_interesting_idx" ON "photos"("interestingness" DESC, "id" DESC)
  WHERE "status" = 'READY' AND "deleted_at" IS NULL AND "hidden_at" IS NULL;

-- When a periodic task last ran, shared by every app server: the interestingness recompute
-- (src/server/data/explore/recompute-interestingness.ts) runs at most once per interval in all.
CREATE TABLE "scheduled_runs" (
    "name" TEXT NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scheduled_runs_pkey" PRIMARY KEY ("name")
);
