import "server-only";
import type { License } from "@/lib/licenses";
import { dbFor } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

/** The license the caller's new uploads start with. */
export async function getDefaultLicense(viewer: NonNullable<Viewer>): Promise<License> {
  const row = await dbFor(viewer).user.findUnique({
    where: { id: viewer.id },
    select: { defaultLicense: true },
  });
  return row?.defaultLicense ?? "ALL_RIGHTS_RESERVED";
}
