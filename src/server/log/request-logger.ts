import "server-only";
import type { Logger } from "pino";
import { headers } from "next/headers";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { logger } from "./logger";

/**
 * The logger for the request being handled, with its `requestId` (set by src/proxy.ts). Outside a
 * request (jobs, scripts, tests) it is the plain logger.
 */
export async function requestLogger(): Promise<Logger> {
  const requestId = await currentRequestId();
  return requestId ? logger().child({ requestId }) : logger();
}

async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get(REQUEST_ID_HEADER);
  } catch (error) {
    // headers() throws outside a request's scope; there is no request id to log then.
    if (error instanceof Error) return null;
    throw error;
  }
}
