import { getCurrentUser } from "@/server/auth/current-user";
import { openUnreadStream } from "@/server/data/notifications/unread-stream";

export const dynamic = "force-dynamic";

/** Server-Sent Events: the signed-in user's unread notification count, now and on every change. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) {
    return Response.json(
      { error: "Sign in first" },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  return new Response(openUnreadStream(user.id, user.sessionId, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
