import "server-only";
import { env } from "@/env";
import { isAdmin } from "./admin";
import type { Viewer } from "./viewer";

/**
 * Which kept mails the viewer may read at /dev/mail: none outside development (the outbox holds
 * every person's links), all of them for an admin, else only those sent to the viewer's own address.
 */
export function outboxScope(viewer: Viewer, email: string | undefined): { recipient?: string } | null {
  if (env().NODE_ENV !== "development" || !viewer) return null;
  if (isAdmin(viewer)) return {};
  return email ? { recipient: email } : null;
}
