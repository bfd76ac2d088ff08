import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health/check-health";

export const dynamic = "force-dynamic";

// For load balancers: 200 while this instance can serve (status ok or degraded), 503 when it
// cannot reach the database or storage. Never cached anywhere.
export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, {
    status: report.status === "fail" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
