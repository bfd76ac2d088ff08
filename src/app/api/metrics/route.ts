import { NextResponse } from "next/server";
import { errorResponse } from "@/server/http/error-response";
import { collectJobQueue } from "@/server/metrics/collect-job-queue";
import { metrics } from "@/server/metrics/registry";
import { requireMetricsToken } from "@/server/metrics/require-metrics-token";

export const dynamic = "force-dynamic";

// Prometheus scrapes this with `Authorization: Bearer $METRICS_TOKEN` (README: Monitoring).
export async function GET(request: Request) {
  try {
    requireMetricsToken(request);
    await collectJobQueue();
    const { registry } = metrics();
    return new NextResponse(await registry.metrics(), {
      headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, { "Cache-Control": "no-store", "WWW-Authenticate": "Bearer" });
  }
}
