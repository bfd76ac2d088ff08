import "server-only";
import { clientAddress } from "@/server/http/client-address";

export interface RequestInfo {
  ip: string;
  userAgent: string;
}

/** The caller's address (see clientAddress: only trusted proxies are believed) and user agent. */
export function requestInfo(headers: Headers): RequestInfo {
  return {
    ip: clientAddress(headers).slice(0, 64),
    userAgent: (headers.get("user-agent") ?? "").slice(0, 400),
  };
}
