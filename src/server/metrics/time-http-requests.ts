import "server-only";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { metrics } from "./registry";

// Next.js opens one span per request (`BaseServer.handleRequest`) and, once it has matched a route,
// names it by the route's pattern (`next.route`: "/media/[photoId]/[version]/[file]", never an
// id). Listening to those spans times every request, pages and route handlers alike, without a
// custom server or a wrapper around each handler. Nothing is exported anywhere: the spans only feed
// the histogram.
const REQUEST_SPAN = "BaseServer.handleRequest";

class RequestTimer implements SpanProcessor {
  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const a = span.attributes;
    if (a["next.span_type"] !== REQUEST_SPAN) return;
    // With a proxy (src/proxy.ts) Next runs a first pass per request for it alone: that pass never
    // matches a route, and the one that renders is timed on its own.
    const route = a["next.route"];
    if (typeof route !== "string") return;
    const seconds = span.duration[0] + span.duration[1] / 1e9;
    metrics().httpDuration.observe(
      {
        method: String(a["http.method"] ?? "GET"),
        route: a["next.rsc"] === true ? `${route} (rsc)` : route,
        status: String(a["http.status_code"] ?? 0),
      },
      seconds,
    );
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const globalForTiming = globalThis as unknown as { pinholeHttpTiming?: boolean };

/** Turns on Next's request spans and times them into pinhole_http_request_duration_seconds. */
export function timeHttpRequests(): void {
  if (globalForTiming.pinholeHttpTiming) return;
  globalForTiming.pinholeHttpTiming = true;
  // Next's spans find their parents (and the route they matched) through the active context.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    // Always on: an incoming `traceparent` marked unsampled must not hide a request from the metrics.
    new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new RequestTimer()] }),
  );
}
