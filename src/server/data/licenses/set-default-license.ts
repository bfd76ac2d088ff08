import "server-only";
import type { License } from "@/lib/licenses";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

/** Sets the license the caller's future uploads start with; photos already uploaded keep theirs. */
export async function setDefaultLicense(viewer: NonNullable<Viewer>, license: License): Promise<void> {
  await db().user.update({ where: { id: viewer.id }, data: { defaultLicense: license } });
}
