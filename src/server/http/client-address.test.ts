// Finding 2 of issue 19: a client talking straight to the server picked its own rate-limit bucket
// with X-Forwarded-For. Over real sockets: a server that does what `npm start`'s front does
// (appendPeerAddress) and answers the address clientAddress finds.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { addressBucket } from "@/server/cache/rate-limits";
import { appendPeerAddress, clientAddress, settleForwardedProto } from "./client-address";

const ranges = (value: string) => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(`bad TRUSTED_PROXIES in the test: ${parsed.bad.join(", ")}`);
  return parsed.ranges;
};

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    appendPeerAddress(req);
    const headers = new Headers({ "x-forwarded-for": String(req.headers["x-forwarded-for"] ?? "") });
    const trusted = ranges(new URL(req.url!, "http://x").searchParams.get("trust") ?? "");
    if (req.url!.startsWith("/proto")) {
      settleForwardedProto(req, trusted);
      return void res.end(String(req.headers["x-forwarded-proto"]));
    }
    res.end(clientAddress(headers, trusted));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function addressSeen(forwardedFor: string | null, trust = ""): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/?trust=${encodeURIComponent(trust)}`, {
    headers: forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor },
  });
  return res.text();
}

describe("the client's address over HTTP", () => {
  it("is the socket's peer whatever X-Forwarded-For the client sends (no trusted proxies)", async () => {
    const seen = new Set<string>();
    for (let i = 1; i <= 5; i++) seen.add(await addressSeen(`203.0.113.${i}`));
    seen.add(await addressSeen("198.51.100.7, 203.0.113.9"));
    seen.add(await addressSeen("not an address"));
    seen.add(await addressSeen(null));
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it("believes the hop a trusted proxy appended, and no further", async () => {
    // As nginx on this machine would send it: the client's claim, then the address nginx saw.
    expect(await addressSeen("6.6.6.6, 203.0.113.9", "loopback")).toBe("203.0.113.9");
    expect(await addressSeen("203.0.113.9", "loopback")).toBe("203.0.113.9");
    // Two trusted hops (a load balancer, then nginx): walked from the right past both.
    expect(await addressSeen("6.6.6.6, 203.0.113.9, 10.1.2.3", "loopback, 10.0.0.0/8")).toBe("203.0.113.9");
    // Only trusted hops: the furthest one is as near to the client as can be known.
    expect(await addressSeen("10.1.2.3", "loopback, 10.0.0.0/8")).toBe("10.1.2.3");
    // A peer that is not the trusted one: its header is not read at all.
    expect(await addressSeen("203.0.113.9", "192.0.2.0/24")).toBe("127.0.0.1");
    // Garbage where the trusted proxy's client should be: the proxy itself.
    expect(await addressSeen("nonsense", "loopback")).toBe("127.0.0.1");
  });
});

describe("clientAddress", () => {
  it("reads IPv6 and IPv4-mapped addresses as one form each", () => {
    const h = (xff: string) => new Headers({ "x-forwarded-for": xff });
    expect(clientAddress(h("::ffff:192.0.2.1"), [])).toBe("192.0.2.1");
    expect(clientAddress(h("2001:DB8:0:0:0:0:0:1"), [])).toBe("2001:db8::1");
    expect(clientAddress(h("2001:db8::1, ::1"), ranges("loopback"))).toBe("2001:db8::1");
    expect(clientAddress(new Headers(), [])).toBe("");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes CIDRs, addresses and the names loopback, linklocal, uniquelocal; none by default", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBe("");
    const value = " loopback, 10.0.0.0/8 ,2001:db8::/32, 192.0.2.7,uniquelocal, linklocal";
    expect(parseEnv({ TRUSTED_PROXIES: value }).TRUSTED_PROXIES).toBe(value.trim());
    expect(parseTrustedProxies(value)).toMatchObject({ ok: true });
  });

  it("refuses anything else at start-up, naming the variable and the entries", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "loopback, 10.0.0.0/33, proxy.example.com, 1.2.3" })).toThrow(
      /TRUSTED_PROXIES: .*10\.0\.0\.0\/33, proxy\.example\.com, 1\.2\.3/,
    );
    expect(parseTrustedProxies("::1/129")).toEqual({ ok: false, bad: ["::1/129"] });
  });
});

describe("addressBucket", () => {
  it("keeps an IPv4 address, folds IPv6 into its /64, and names the unknown", () => {
    expect(addressBucket("192.0.2.1")).toBe("192.0.2.1");
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe(addressBucket("2001:db8:1:2:ffff::9"));
    expect(addressBucket("2001:db8:1:2::1")).not.toBe(addressBucket("2001:db8:1:3::1"));
    expect(addressBucket("")).toBe("unknown");
  });
});

// Strict-Transport-Security is sent when X-Forwarded-Proto says https (next.config.ts): only a
// trusted proxy may say so.
describe("the scheme the client used", () => {
  async function protoSeen(sent: string | null, trust = ""): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${port}/proto?trust=${encodeURIComponent(trust)}`, {
      headers: sent === null ? {} : { "x-forwarded-proto": sent },
    });
    return res.text();
  }

  it("is the socket's own when no proxy is trusted, whatever the client claims", async () => {
    expect(await protoSeen(null)).toBe("http");
    expect(await protoSeen("https")).toBe("http");
    expect(await protoSeen("https", "10.0.0.0/8")).toBe("http");
  });

  it("is what a trusted proxy says (its first entry), and the socket's when it says nothing sensible", async () => {
    expect(await protoSeen("https", "loopback")).toBe("https");
    expect(await protoSeen("HTTPS, http", "loopback")).toBe("https");
    expect(await protoSeen("http", "loopback")).toBe("http");
    expect(await protoSeen("gopher", "loopback")).toBe("http");
    expect(await protoSeen(null, "loopback")).toBe("http");
  });
});
