-- The job queue moves to graphile-worker, whose schema (graphile_worker) the migrator installs with
-- graphile-worker's own migrations before this one runs (src/server/db/migrate.ts). Jobs still to do
-- in the old outbox move across with their photo, due time and attempts left; then the table goes.
DO $$
BEGIN
  IF to_regproc('graphile_worker.add_job') IS NULL THEN
    RAISE EXCEPTION 'graphile_worker is not installed: apply migrations with npm run db:migrate (it installs graphile-worker''s schema first)';
  END IF;
END $$;

SELECT graphile_worker.add_job(
         j."kind",
         (j."payload"::jsonb || jsonb_strip_nulls(jsonb_build_object('photoId', j."photo_id", 'ownerId', p."owner_id")))::json,
         run_at => j."run_at",
         max_attempts => greatest(j."max_attempts" - j."attempts", 1),
         job_key => CASE WHEN j."kind" = 'process-photo' AND p."id" IS NOT NULL
                         THEN 'process-photo:' || p."owner_id" || ':' || p."id" END)
  FROM "jobs" j
  LEFT JOIN "photos" p ON p."id" = j."photo_id"
 WHERE j."status" IN ('PENDING', 'RUNNING')
   AND (j."kind" <> 'process-photo' OR p."id" IS NOT NULL)
 ORDER BY j."run_at";

DROP TABLE "jobs";
DROP TYPE "job_status";

-- graphile-worker keeps a job locked for 4 hours, so a long job is never taken twice; a worker killed
-- mid-job would hold it that long too. Each running worker pool beats here instead, and the sweep
-- hands back the jobs of pools silent for longer than JOBS_LOCK_TIMEOUT_SECONDS (src/server/jobs/leases.ts).
CREATE TABLE "job_workers" (
    "pool_id" TEXT NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    -- Each pool's own JOBS_LOCK_TIMEOUT_SECONDS past its last beat: the observer's setting may differ.
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_workers_pkey" PRIMARY KEY ("pool_id")
);
