import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getOEmbed } from "@/server/embeds/get-oembed";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";
import { publicOrigin } from "@/server/http/public-origin";

// GET /oembed?url=<photo or album page>&format=json[&maxwidth=&maxheight=] (oEmbed 1.0). Public
// photos and albums only, read as nobody; JSON only (the spec's answer to xml is 501).
export const dynamic = "force-dynamic";

const query = z.object({
  url: z.string().min(1, "Give the url of a photo or album page").max(2000),
  format: z.string().optional(),
  maxwidth: z.coerce.number().int().min(1).max(10000).optional(),
  maxheight: z.coerce.number().int().min(1).max(10000).optional(),
});

const CACHE = { "Cache-Control": "public, max-age=0, must-revalidate" };

export async function GET(request: Request) {
  try {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = query.safeParse(params);
    if (!parsed.success) {
      throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Not a valid oEmbed request");
    }
    const { format, ...wanted } = parsed.data;
    if (format !== undefined && format !== "json") {
      return NextResponse.json(
        { error: { code: "not_implemented", message: "Only format=json is offered" } },
        { status: 501, headers: CACHE },
      );
    }
    return NextResponse.json(await getOEmbed(wanted, publicOrigin(await headers())), { headers: CACHE });
  } catch (error) {
    return errorResponse(error, CACHE);
  }
}
