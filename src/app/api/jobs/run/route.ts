import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import { sweep } from "@/server/jobs/sweep";

export const dynamic = "force-dynamic";
// Processing a batch of photos can take a while on a serverless host.
export const maxDuration = 60;

// The scheduled sweep: Vercel Cron calls it with `Authorization: Bearer $CRON_SECRET` (see vercel.json).
export async function GET(request: Request) {
  try {
    const secret = env().CRON_SECRET;
    const given = request.headers.get("authorization") ?? "";
    const expected = `Bearer ${secret}`;
    if (
      !secret ||
      given.length !== expected.length ||
      !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    ) {
      throw new AppError("unauthorized", "A valid CRON_SECRET bearer token is required");
    }
    return NextResponse.json(await sweep());
  } catch (error) {
    return errorResponse(error);
  }
}
