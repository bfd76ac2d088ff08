import { licensesFor, parseLicenseFilter, type LicenseFilter } from "@/lib/licenses";

// A search as the URL names it (/search?q=&who=&from=&to=&license=), shared by the page, GET /api/search and
// the grid that asks for later pages. Read leniently: whatever is in a URL is a search, an
// unknown `who` is everyone, a date that is not one is no bound. Never an error.
export const SEARCH_WHO = ["everyone", "mine", "following"] as const;
export type SearchWho = (typeof SEARCH_WHO)[number];

export interface SearchRequest {
  q: string;
  who: SearchWho;
  /** A day, YYYY-MM-DD, inclusive (UTC). */
  from: string | null;
  /** A day, YYYY-MM-DD, inclusive (UTC). */
  to: string | null;
  /** "any", "reuse" (only photos others may reuse), "commercial", or one license. */
  license: LicenseFilter;
}

// Longer is cut: the data function reads at most 200 characters anyway.
const MAX_Q_LENGTH = 1000;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseSearchRequest(params: Params): SearchRequest {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const who = get("who");
  return {
    q: (get("q") ?? "").slice(0, MAX_Q_LENGTH),
    who: SEARCH_WHO.find((w) => w === who) ?? "everyone",
    from: day(get("from")),
    to: day(get("to")),
    license: parseLicenseFilter(get("license")),
  };
}

export function searchParamsOf(request: SearchRequest): URLSearchParams {
  const params = new URLSearchParams({ q: request.q });
  if (request.who !== "everyone") params.set("who", request.who);
  if (request.from) params.set("from", request.from);
  if (request.to) params.set("to", request.to);
  if (request.license !== "any") params.set("license", request.license);
  return params;
}

/** The licenses the search admits, for searchPhotos; null for any. */
export function searchLicenses(request: Pick<SearchRequest, "license">) {
  return licensesFor(request.license);
}

/** The bounds as instants: from the start of `from` to the end of `to` (exclusive: the next day). */
export function searchDateRange(request: Pick<SearchRequest, "from" | "to">): {
  from: Date | null;
  to: Date | null;
} {
  const to = request.to ? new Date(`${request.to}T00:00:00.000Z`) : null;
  to?.setUTCDate(to.getUTCDate() + 1);
  return { from: request.from ? new Date(`${request.from}T00:00:00.000Z`) : null, to };
}

function day(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith("0000")) return null;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  // Rejects 2024-02-31 (which Date would roll over) and years PostgreSQL would not take.
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value) ? value : null;
}
