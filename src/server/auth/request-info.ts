import "server-only";

export interface RequestInfo {
  ip: string;
  userAgent: string;
}

/**
 * The caller's address: the last X-Forwarded-For entry, which is the one our own proxy (or Next.js,
 * when nothing is in front) added. Entries before it are whatever the client claimed.
 */
export function requestInfo(headers: Headers): RequestInfo {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  const ip =
    forwarded
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop() ??
    headers.get("x-real-ip") ??
    "";
  return {
    ip: ip.slice(0, 64),
    userAgent: (headers.get("user-agent") ?? "").slice(0, 400),
  };
}
