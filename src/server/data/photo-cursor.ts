import "server-only";

// Keyset cursors are opaque to clients (base64url JSON) so their shape can change without breaking
// links. listPhotos reads a malformed one as "from the start"; GET /api/photos refuses it (400).
export interface TimeCursor {
  t: string;
  id: string;
}
export interface PositionCursor {
  p: number;
  id: string;
}
/** Search results: how they were found (the words, the last as a prefix, corrected) and the score. */
export interface SearchCursor {
  m: "text" | "prefix" | "fuzzy";
  s: number;
  id: string;
}
/** Explore's "interesting" order: the score, then the id to break ties. */
export interface ScoreCursor {
  s: number;
  id: string;
}

export function encodeCursor(value: TimeCursor | PositionCursor | SearchCursor | ScoreCursor): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

// Years 1 to 9999: what toISOString writes without a sign, and PostgreSQL reads back.
const MIN_TIME = Date.parse("0001-01-01T00:00:00.000Z");
const MAX_TIME = Date.parse("9999-12-31T23:59:59.999Z");

export function decodeTimeCursor(cursor: string | null | undefined): TimeCursor | null {
  const value = decode(cursor);
  if (!value || typeof value.t !== "string" || !isId(value.id)) return null;
  // Normalised, so the database only ever parses an ISO timestamp, whatever Date.parse accepted.
  const time = Date.parse(value.t);
  return time >= MIN_TIME && time <= MAX_TIME ? { t: new Date(time).toISOString(), id: value.id } : null;
}

export function decodePositionCursor(cursor: string | null | undefined): PositionCursor | null {
  const value = decode(cursor);
  return value && typeof value.p === "number" && Number.isFinite(value.p) && isId(value.id)
    ? { p: value.p, id: value.id }
    : null;
}

export function decodeSearchCursor(cursor: string | null | undefined): SearchCursor | null {
  const value = decode(cursor);
  return value &&
    (value.m === "text" || value.m === "prefix" || value.m === "fuzzy") &&
    typeof value.s === "number" &&
    Number.isFinite(value.s) &&
    isId(value.id)
    ? { m: value.m, s: value.s, id: value.id }
    : null;
}

export function decodeScoreCursor(cursor: string | null | undefined): ScoreCursor | null {
  const value = decode(cursor);
  return value && typeof value.s === "number" && Number.isFinite(value.s) && isId(value.id)
    ? { s: value.s, id: value.id }
    : null;
}

function decode(cursor: string | null | undefined): Record<string, unknown> | null {
  if (!cursor || cursor.length > 200) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isId(value: unknown): value is string {
  return (
    typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}
