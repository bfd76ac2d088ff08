import { NextResponse } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import { getOwnUpload } from "@/server/uploads/get-own-upload";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to see your uploads");
    const photo = await getOwnUpload(user, (await context.params).id);
    return NextResponse.json({ photo }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
