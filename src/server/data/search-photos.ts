import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, MAX_PAGE_SIZE, PAGE_SIZE, visiblePhotoSql, type RawCardRow } from "./list-photos";
import { decodeSearchCursor, encodeCursor, type SearchCursor } from "./photo-cursor";

export type SearchScope = "everyone" | "mine" | "following";

export interface SearchOptions {
  q: string;
  scope?: SearchScope;
  /** When the photo was taken (its upload time when the camera did not say): from, inclusive. */
  from?: Date | null;
  /** ... to, exclusive. */
  to?: Date | null;
  /** The previous page's `nextCursor`. */
  before?: string | null;
  limit?: number;
}

/** Longer input is cut, not refused: a search box never errors. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 10;
// A prefix shorter than this matches too much of the index to be worth it ("s:*").
const MIN_PREFIX_LENGTH = 3;
// Ranking blends relevance and recency: a result's relevance counts half as much for every 90 days it
// is older than another's. Added to ln(relevance), the photo's age from a fixed epoch ranks exactly as
// its age from now would (the "now" term is common to every row), so the score of a row never changes
// between two pages and the keyset cursor (score, id) neither repeats nor skips.
const MAX_FUZZY_WORDS = 5;
// A misspelt word stands for up to this many words that look like it.
const ALTERNATIVES = 3;
const RECENCY_PER_SECOND = Math.LN2 / (90 * 24 * 3600);

interface ParsedQuery {
  /** The input, cleaned, cut to size, for websearch_to_tsquery (quotes, -exclude and `or` kept). */
  text: string;
  /** The text before the last word, when that word is also matched as a prefix. */
  head: string | null;
  /** The last word, matched as a prefix (`sunse` finds `sunset`). */
  prefix: string | null;
  /** The words that must (or may) match, without operators: for the typo-tolerant fallback. */
  words: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Reads a search box the way websearch_to_tsquery does (phrases in quotes, `-word` excludes, `or`),
 * enough to know which words are wanted and whether the last one can be a prefix. Any input parses.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  // Control characters (NUL above all: PostgreSQL refuses it in text) become spaces; code points, not
  // UTF-16 units, are counted so an emoji is never cut in half.
  const cleaned = Array.from(input.replace(/[\p{Cc}\p{Cs}]/gu, " "))
    .slice(0, MAX_QUERY_LENGTH)
    .join("");
  const tokens = cleaned.trim().split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_TERMS);
  const text = tokens.join(" ");

  const words: string[] = [];
  let inQuote = false;
  let negated = false;
  let last: { word: string; bare: boolean; afterOr: boolean } | null = null;
  let previousWasOr = false;
  for (const token of tokens) {
    const opensQuote = !inQuote && /^-?"/.test(token);
    if (!inQuote) negated = token.startsWith("-");
    const quotes = (token.match(/"/g) ?? []).length;
    const isOr = !inQuote && token.toLowerCase() === "or";
    if (!negated && !isOr) words.push(...(token.match(WORD) ?? []));
    const bare = !inQuote && !opensQuote && !negated && !isOr && /^[\p{L}\p{N}]+$/u.test(token);
    last = { word: token, bare, afterOr: previousWasOr };
    previousWasOr = isOr;
    if (quotes % 2 === 1) inQuote = !inQuote;
  }

  const canPrefix =
    last !== null && last.bare && !last.afterOr && Array.from(last.word).length >= MIN_PREFIX_LENGTH;
  return {
    text,
    head: canPrefix ? tokens.slice(0, -1).join(" ") : null,
    prefix: canPrefix && last ? last.word : null,
    words: [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_QUERY_TERMS),
  };
}

/**
 * One page of the photos the viewer may see that match `q`, best first. Full text (titles weigh
 * most, then tags, then descriptions; accents folded); when that finds nothing, the last word as a
 * prefix, then misspelt words corrected, so a word cut short or a typo still finds its photo.
 * Visibility is decided in every query by the same rules as every grid (visiblePhotoSql).
 */
export async function searchPhotos(viewer: Viewer, options: SearchOptions): Promise<PhotoPage> {
  const plan = searchSql(viewer, options);
  if (!plan) return { photos: [], nextCursor: null };
  const { limit, cursor } = plan;

  // Each way of reading the words only when the one before found nothing at all (and so on later
  // pages, which the cursor names): as typed; the last word cut short ("sunse"); each word no photo
  // the viewer may see has (a typo) standing for the words photos have that look most like it.
  // Three words that are each somewhere but never together still find nothing.
  let mode: SearchCursor["m"] = cursor?.m ?? "text";
  let rows = mode === "text" ? await db().$queryRaw<ScoredRow[]>(plan.text) : [];
  const nothingYet = () => !cursor && rows.length === 0;
  if (plan.prefix && (mode === "prefix" || nothingYet())) {
    mode = "prefix";
    rows = await db().$queryRaw<ScoredRow[]>(plan.prefix);
  }
  if (mode === "fuzzy" || nothingYet()) {
    mode = "fuzzy";
    const fuzzy = plan.fuzzy(await db().$queryRaw<Correction[]>(plan.corrections));
    rows = fuzzy ? await db().$queryRaw<ScoredRow[]>(fuzzy) : [];
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    photos: page.map(cardFromRow),
    nextCursor: rows.length > limit && last ? encodeCursor({ m: mode, s: last.score, id: last.id }) : null,
  };
}

/**
 * The statements searchPhotos runs (exported for bench/search.ts, which times them straight through
 * `pg` as the baseline): the words as typed, with the last as a prefix, and the corrected fallback.
 * Null when nothing can match.
 */
export function searchSql(viewer: Viewer, options: SearchOptions) {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? PAGE_SIZE) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const parsed = parseSearchQuery(options.q);
  const scope = options.scope ?? "everyone";
  // Nothing wanted (empty, only operators, only exclusions), or "mine" for nobody: nothing found.
  if (parsed.words.length === 0 || (!viewer && scope !== "everyone")) return null;

  const filters = Prisma.sql`p.status = 'READY' AND ${visiblePhotoSql(viewer)} ${scopeSql(viewer, scope)} ${dateSql(options)}`;
  const prefix = prefixQuery(parsed);
  const cursor = decodeSearchCursor(options.before);
  return {
    limit,
    cursor,
    text: textQuery(
      Prisma.sql`websearch_to_tsquery('pinhole_search', ${parsed.text})`,
      filters,
      cursor,
      limit + 1,
    ),
    /** The words with the last one as a prefix; null when it cannot be one. */
    prefix: prefix && textQuery(prefix, filters, cursor, limit + 1),
    /** For each wanted word: does a photo the viewer may see have it, and if not, what looks like it. */
    corrections: correctionsQuery(parsed, filters),
    /** The fallback, given the corrections; null when it can find nothing. */
    fuzzy: (corrections: Correction[]) => {
      const query = correctedQuery(corrections);
      return query ? textQuery(query, filters, cursor, limit + 1) : null;
    },
  };
}

interface ScoredRow extends RawCardRow {
  score: number;
}

function scopeSql(viewer: Viewer, scope: SearchScope): Prisma.Sql {
  if (!viewer || scope === "everyone") return Prisma.empty;
  const me = Prisma.sql`${viewer.id}::uuid`;
  if (scope === "mine") return Prisma.sql`AND p.owner_id = ${me}`;
  return Prisma.sql`AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${me} AND f.followee_id = p.owner_id)`;
}

function dateSql({ from, to }: SearchOptions): Prisma.Sql {
  const valid = (date: Date | null | undefined): date is Date => !!date && Number.isFinite(date.getTime());
  const when = Prisma.sql`COALESCE(p.taken_at, p.created_at)`;
  const after = valid(from) ? Prisma.sql`AND ${when} >= ${from.toISOString()}::timestamptz` : Prisma.empty;
  const before = valid(to) ? Prisma.sql`AND ${when} < ${to.toISOString()}::timestamptz` : Prisma.empty;
  return Prisma.sql`${after} ${before}`;
}

const cardColumns = Prisma.sql`p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
  p.visibility::text AS visibility, p.created_at, p.owner_id`;

const recency = Prisma.sql`date_part('epoch', p.created_at) * ${RECENCY_PER_SECOND}::float8`;

function keysetSql(cursor: SearchCursor | null): Prisma.Sql {
  return cursor
    ? Prisma.sql`WHERE (s.score, s.id) < (${cursor.s}::float8, ${cursor.id}::uuid)`
    : Prisma.empty;
}

/** Sorts and cuts the candidates first, then fetches owners for one page only. */
function pageSql(candidates: Prisma.Sql, cursor: SearchCursor | null, take: number, cte = Prisma.empty) {
  return Prisma.sql`${cte} SELECT s.*, u.handle, u.display_name FROM (
      SELECT * FROM (${candidates}) s ${keysetSql(cursor)} ORDER BY s.score DESC, s.id DESC LIMIT ${take}
    ) s JOIN users u ON u.id = s.owner_id
    ORDER BY s.score DESC, s.id DESC`;
}

/** The words as typed, the last one also as a prefix ("sunse" finds "sunset"). */
function prefixQuery(parsed: ParsedQuery): Prisma.Sql | null {
  if (parsed.prefix === null || parsed.head === null) return null;
  // The prefix goes in as a quoted lexeme with only letters and digits in it: no tsquery syntax can
  // reach to_tsquery. websearch_to_tsquery never fails on syntax.
  return Prisma.sql`websearch_to_tsquery('pinhole_search', ${parsed.head})
    && to_tsquery('pinhole_search', ${`'${parsed.prefix}':*`})`;
}

function textQuery(query: Prisma.Sql, filters: Prisma.Sql, cursor: SearchCursor | null, take: number) {
  // Parsed once (MATERIALIZED), not per row. querytree 'T' is a query the index cannot answer (only
  // exclusions, `-a or b`): it would read every photo, so it finds nothing instead.
  const cte = Prisma.sql`WITH q AS MATERIALIZED (SELECT ${query} AS query)`;
  const candidates = Prisma.sql`SELECT ${cardColumns},
      ln(greatest(ts_rank_cd(p.search_vector, q.query), 1e-6)) + ${recency} AS score
    FROM q JOIN photos p ON p.search_vector @@ q.query
    WHERE querytree(q.query) NOT IN ('', 'T') AND ${filters}`;
  return pageSql(candidates, cursor, take, cte);
}

export interface Correction {
  word: string;
  known: boolean;
  /** The most similar words photos have (trigram similarity ≥ 0.3), best first; empty when known. */
  alternatives: string[];
}

function correctionsQuery(parsed: ParsedQuery, filters: Prisma.Sql): Prisma.Sql {
  // plainto_tsquery reads any text without failing. The vocabulary holds lexemes, so the word is
  // compared as one: lower-cased, accents folded.
  return Prisma.sql`SELECT w AS word, k.known,
      CASE WHEN k.known THEN '{}'::text[] ELSE ARRAY(
        SELECT s.word FROM search_words s WHERE s.word % n.lexeme AND s.word <> n.lexeme
        ORDER BY similarity(s.word, n.lexeme) DESC, s.word LIMIT ${ALTERNATIVES}) END AS alternatives
    FROM unnest(${parsed.words.slice(0, MAX_FUZZY_WORDS)}::text[]) AS w
    CROSS JOIN LATERAL (SELECT coalesce((tsvector_to_array(to_tsvector('pinhole_search', w)))[1], '') AS lexeme) n
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM photos p
      WHERE p.search_vector @@ plainto_tsquery('pinhole_search', w) AND ${filters}) AS known) k`;
}

/** Every word, as itself when known, else as any of its alternatives; null when one has none. */
function correctedQuery(corrections: Correction[]): Prisma.Sql | null {
  if (corrections.length === 0 || corrections.every((c) => c.known)) return null;
  const parts: Prisma.Sql[] = [];
  for (const c of corrections) {
    const words = c.known ? [c.word] : c.alternatives;
    if (words.length === 0) return null;
    const either = words.map((word) => Prisma.sql`plainto_tsquery('pinhole_search', ${word})`);
    parts.push(Prisma.sql`(${Prisma.join(either, " || ")})`);
  }
  return Prisma.join(parts, " && ");
}
