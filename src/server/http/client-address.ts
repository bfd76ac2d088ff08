import "server-only";
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { env } from "@/env";
import { type AddressRange, inRanges, parseAddress, parseTrustedProxies } from "@/lib/trusted-proxies";

let cached: { value: string; ranges: AddressRange[] } | undefined;

function trustedRanges(value = env().TRUSTED_PROXIES): AddressRange[] {
  if (cached?.value !== value) {
    const parsed = parseTrustedProxies(value);
    cached = { value, ranges: parsed.ok ? parsed.ranges : [] };
  }
  return cached.ranges;
}

/**
 * The client's address, as nginx's `real_ip_recursive` and Express's `trust proxy` find it. The last
 * X-Forwarded-For entry is the address that connected: `npm start`'s front appends the socket's
 * peer to whatever arrived (src/server/http/pinhole-server.ts), and Vercel overwrites the header with
 * its client's. That peer is the client unless it is in TRUSTED_PROXIES; then the entry it appended
 * is looked at the same way, walking left. Entries left of the first untrusted one are the client's
 * own claims and never read. "" when there is nothing to go on.
 */
export function clientAddress(headers: Headers, trusted: AddressRange[] = trustedRanges()): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let believed = "";
  for (let i = hops.length - 1; i >= 0; i--) {
    const address = parseAddress(hops[i]!);
    // Garbage from a trusted hop's client: the trusted hop is as near to the client as we can know.
    if (!address) return believed;
    believed = address.toString();
    if (!inRanges(address, trusted)) return believed;
  }
  return believed;
}

/**
 * What `npm start`'s front does to every request before Next.js sees it: appends the socket's peer
 * to X-Forwarded-For, as a proxy does. Next.js adds it only when the header is absent, so a client's
 * own header would otherwise end with whatever it chose. What the client sent stays to the left,
 * read only past a peer in TRUSTED_PROXIES.
 */
export function appendPeerAddress(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  const sent = req.headers["x-forwarded-for"];
  if (!peer) delete req.headers["x-forwarded-for"];
  else req.headers["x-forwarded-for"] = sent ? `${sent}, ${peer}` : peer;
}

/**
 * What `npm start`'s front does with X-Forwarded-Proto before Next.js sees it: the scheme a trusted
 * proxy (TRUSTED_PROXIES) says the client used is kept (the first entry, as Express reads it);
 * from anyone else the header is replaced by the socket's own scheme. So "served over https" (which
 * decides Strict-Transport-Security, see next.config.ts) is never a client's claim.
 */
export function settleForwardedProto(req: IncomingMessage, trusted: AddressRange[] = trustedRanges()): void {
  const peer = parseAddress(req.socket.remoteAddress ?? "");
  const sent = req.headers["x-forwarded-proto"];
  const claimed = (typeof sent === "string" ? sent : "").split(",")[0]!.trim().toLowerCase();
  const fromTrusted = peer !== null && inRanges(peer, trusted) && (claimed === "https" || claimed === "http");
  req.headers["x-forwarded-proto"] = fromTrusted
    ? claimed
    : (req.socket as TLSSocket).encrypted
      ? "https"
      : "http";
}
