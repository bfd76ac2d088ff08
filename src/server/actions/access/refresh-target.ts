import "server-only";
import { revalidatePath } from "next/cache";
import type { AccessTarget } from "@/lib/access";

/** Who sees a photo or album changes grids, streams and pages: drop every cached render. */
export function revalidateAccess(target: AccessTarget): void {
  revalidatePath(target.kind === "photo" ? `/photos/${target.id}` : `/albums/${target.id}`);
  revalidatePath("/", "layout");
}
