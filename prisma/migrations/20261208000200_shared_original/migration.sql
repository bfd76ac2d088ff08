-- The location-free original offered to others, made once and stored like a variant.
ALTER TABLE "photos" ADD COLUMN "shared_original_key" TEXT,
  ADD COLUMN "shared_original_type" TEXT,
  ADD COLUMN "shared_original_size" INTEGER;
