-- The last batch edit on /organize per person, with each photo's previous values, for its Undo.
CREATE TABLE "organize_undo" (
    "user_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organize_undo_pkey" PRIMARY KEY ("user_id")
);

ALTER TABLE "organize_undo" ADD CONSTRAINT "organize_undo_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
