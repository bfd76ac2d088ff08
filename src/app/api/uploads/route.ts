import { after, NextResponse } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import { requireSameOrigin } from "@/server/http/same-origin";
import { kickJobs } from "@/server/jobs/runner";
import { createPhotoUpload } from "@/server/uploads/create-photo-upload";

// The body is streamed to storage as it arrives; never buffered, never cached.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    requireSameOrigin(request);
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to upload photos");
    const result = await createPhotoUpload(user, request);
    // The thumbnail is made right after the response; the sweep catches anything this misses.
    if (!result.duplicate) after(() => kickJobs());
    return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
