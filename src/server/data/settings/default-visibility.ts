import "server-only";
import type { Visibility } from "@/lib/access";
import { dbFor } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

/** Who sees the viewer's new uploads unless they choose otherwise (Public for a new account). */
export async function getDefaultVisibility(viewer: NonNullable<Viewer>): Promise<Visibility> {
  const row = await dbFor(viewer).user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { defaultVisibility: true },
  });
  return row.defaultVisibility;
}

/** Sets it; photos already uploaded keep their own setting. */
export async function setDefaultVisibility(
  viewer: NonNullable<Viewer>,
  visibility: Visibility,
): Promise<void> {
  await dbFor(viewer).user.update({ where: { id: viewer.id }, data: { defaultVisibility: visibility } });
}
