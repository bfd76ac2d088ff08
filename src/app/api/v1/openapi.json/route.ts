import { NextResponse } from "next/server";
import { apiRoute } from "@/server/api/api-route";
import { buildOpenApi } from "@/server/api/build-openapi";
import { getOpenApi } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getOpenApi, async ({ request }) =>
  NextResponse.json(buildOpenApi(new URL(request.url).origin)),
);
