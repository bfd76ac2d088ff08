-- A person's optional watermark, drawn on their photos' display variants from 800 px up.
CREATE TYPE "WatermarkCorner" AS ENUM ('TOP_LEFT', 'TOP_RIGHT', 'BOTTOM_LEFT', 'BOTTOM_RIGHT');

ALTER TABLE "users"
  ADD COLUMN "watermark_text" TEXT,
  ADD COLUMN "watermark_corner" "WatermarkCorner" NOT NULL DEFAULT 'BOTTOM_RIGHT',
  ADD COLUMN "watermark_opacity" INTEGER NOT NULL DEFAULT 50,
  ADD CONSTRAINT "users_watermark_opacity_range" CHECK ("watermark_opacity" BETWEEN 10 AND 100);
