import "server-only";
import type { WatermarkInput } from "@/lib/schemas/watermark";
import type { CurrentUser } from "@/server/auth/current-user";
import { db } from "@/server/db/client";

/** The viewer's watermark as the settings form shows it. */
export async function getWatermark(viewer: CurrentUser): Promise<WatermarkInput> {
  const row = await db()
    .$primary()
    .user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { watermarkText: true, watermarkCorner: true, watermarkOpacity: true },
    });
  return { text: row.watermarkText ?? "", corner: row.watermarkCorner, opacity: row.watermarkOpacity };
}
