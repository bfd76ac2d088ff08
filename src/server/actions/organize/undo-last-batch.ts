"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/server/auth/current-user";
import { undoLastBatch } from "@/server/data/organize/undo-last-batch";
import { refusalMessage } from "../albums/action-error";
import { SIGN_IN_ERROR } from "../albums/album-input";
import type { BulkState } from "./bulk-input";

export async function undoLastBatchAction(): Promise<BulkState> {
  const user = await getCurrentUser();
  if (!user) return { error: SIGN_IN_ERROR };
  try {
    const { label } = await undoLastBatch(user);
    revalidatePath("/", "layout");
    return { ok: true, message: `Undone: ${label}.` };
  } catch (error) {
    return { error: refusalMessage(error) };
  }
}
