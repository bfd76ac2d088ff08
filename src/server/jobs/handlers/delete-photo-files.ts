import "server-only";
import { storage } from "@/server/storage/storage";

/** Removes a deleted photo's files. The keys travel in the payload: the rows may already be gone. */
export async function deletePhotoFiles(payload: unknown): Promise<void> {
  const keys = (payload as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return;
  await Promise.all(keys.filter((k): k is string => typeof k === "string").map((k) => storage().delete(k)));
}
