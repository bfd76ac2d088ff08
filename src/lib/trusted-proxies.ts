// TRUSTED_PROXIES parsed into address ranges: used by src/env.ts to refuse a bad value at start-up
// and by src/server/http/client-address.ts to decide which X-Forwarded-For hops to believe.
import ipaddr from "ipaddr.js";

export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** The names Express's `trust proxy` (proxy-addr) also accepts, and what they stand for. */
export const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/**
 * One address as a proxy writes it: dotted-quad IPv4 or IPv6 (IPv4-mapped IPv6 read as IPv4), or
 * null. Stricter than ipaddr.isValid, which also takes "127.1" and hex forms no proxy writes.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!ipaddr.IPv6.isValid(value)) return null;
  const v6 = ipaddr.IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Parses "loopback, 10.0.0.0/8, 2001:db8::1": ranges, or the entries it could not read. */
export function parseTrustedProxies(
  value: string,
): { ok: true; ranges: AddressRange[] } | { ok: false; bad: string[] } {
  const ranges: AddressRange[] = [];
  const bad: string[] = [];
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const named = NAMED_RANGES[entry.toLowerCase()];
    if (named) {
      ranges.push(...named.map((cidr) => ipaddr.parseCIDR(cidr)));
      continue;
    }
    const [host = "", bits, ...rest] = entry.split("/");
    const address = parseAddress(host);
    const max = address?.kind() === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!address || rest.length > 0 || !(prefix >= 0 && prefix <= max)) bad.push(entry);
    else ranges.push([address, prefix]);
  }
  return bad.length > 0 ? { ok: false, bad } : { ok: true, ranges };
}

export function inRanges(address: ipaddr.IPv4 | ipaddr.IPv6, ranges: AddressRange[]): boolean {
  return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}
