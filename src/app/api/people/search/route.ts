import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/server/auth/current-user";
import { searchPeople } from "@/server/data/access/search-people";
import { AppError } from "@/server/errors/app-error";
import { errorResponse } from "@/server/http/error-response";

// GET /api/people/search?q=<text>: people to share with, for the access editor's combobox. A GET
// route rather than a server action: actions are POSTs that a client runs one at a time and cannot
// abort, while search-as-you-type needs concurrent, cancellable reads (TanStack Query passes an
// AbortSignal when the text changes). Read-only, so no CSRF check; signed-in people only, and never
// stored by a shared cache.
export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "private, no-store" };
const query = z.object({ q: z.string().max(254).default("") });

export async function GET(request: Request) {
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to search for people");
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", "Give q=<name, handle or email>");
    const people = await searchPeople(user, parsed.data.q);
    return NextResponse.json({ people }, { headers: PRIVATE });
  } catch (error) {
    return errorResponse(error, PRIVATE);
  }
}
