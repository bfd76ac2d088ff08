import "server-only";
import { headers } from "next/headers";
import { env } from "@/env";

/** Links in mails and previews need absolute URLs: the configured public URL, else this request's. */
export async function siteOrigin(): Promise<string> {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
