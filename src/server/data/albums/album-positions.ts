import "server-only";

/** The gap left between neighbours when photos are appended or an album is renumbered. */
export const POSITION_STEP = 1024;

/**
 * A position strictly between two neighbours' positions (null: that side is open), or null when
 * doubles have no room left between them and the album must be renumbered. Bisecting a gap of
 * POSITION_STEP leaves room for dozens of moves into the same spot before that happens.
 */
export function positionBetween(lo: number | null, hi: number | null): number | null {
  if (lo === null && hi === null) return POSITION_STEP;
  if (lo === null) return (hi as number) - POSITION_STEP;
  if (hi === null) return lo + POSITION_STEP;
  const mid = lo + (hi - lo) / 2;
  return lo < mid && mid < hi ? mid : null;
}

/**
 * Where photos appended to an album start: after its last photo, and no earlier than now on the
 * upload clock (an upload's position is Date.now()), so photos uploaded later still land after
 * them. Steps of APPEND_STEP (one "millisecond") keep a large bulk move from reaching far ahead.
 */
export function appendBase(lastPosition: number | null): number {
  return Math.max(lastPosition ?? 0, Date.now());
}

export const APPEND_STEP = 1;
