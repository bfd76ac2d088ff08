import "server-only";
import type { Role } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

/**
 * Makes someone an admin, or an ordinary user again. For the operator's command (`pinhole admin`),
 * which runs with the database's own authority: there is no viewer to check. The change applies to
 * the person's next request (the session reads the role from the database on every request).
 */
export async function setUserRole(
  handle: string,
  role: Role,
): Promise<{ id: string; handle: string; role: Role }> {
  const wanted = handle.trim().replace(/^@/, "").toLowerCase();
  const user = await db()
    .$primary()
    .user.findUnique({ where: { handle: wanted }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No one has the handle "${wanted}"`);
  return db().user.update({
    where: { id: user.id },
    data: { role },
    select: { id: true, handle: true, role: true },
  });
}
