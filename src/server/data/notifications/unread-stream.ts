import "server-only";
import { isSessionLive, sessionsEndedChannel } from "@/server/auth/sessions";
import { pubsub } from "@/server/cache/pubsub";
import { countUnread, notificationChannel } from "./notification-channel";

const HEARTBEAT_MS = 25_000;

/**
 * An SSE body: the user's unread count at once, then each new count published for them, and a
 * comment line every 25 s so proxies keep the connection open. It ends when the session it was opened
 * with does (a sign-out anywhere is announced; expiry is noticed at the next heartbeat). Everything is
 * released on abort.
 */
export function openUnreadStream(
  userId: string,
  sessionId: string,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = pubsub().subscribe(notificationChannel(userId), (count) =>
        send(`event: unread\ndata: ${count}\n\n`),
      );
      const endUnlessLive = async () => {
        // A failed lookup keeps the stream: the next heartbeat asks again.
        if (closed || (await isSessionLive(sessionId).catch(() => true))) return;
        send("event: signed-out\ndata: \n\n");
        cleanup();
      };
      const unsubscribeSessions = pubsub().subscribe(
        sessionsEndedChannel(userId),
        () => void endUnlessLive(),
      );
      const heartbeat = setInterval(() => {
        send(": heartbeat\n\n");
        void endUnlessLive();
      }, HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeSessions();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", cleanup);
      if (signal.aborted) return cleanup();
      send(`retry: 5000\nevent: unread\ndata: ${await countUnread(userId)}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
