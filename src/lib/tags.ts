// Tags as people type them: "sunset, lisbon tram" or "sunset lisbon #tram". Commas separate
// multi-word tags when present; otherwise spaces do.
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

export function parseTags(input: string): string[] {
  const parts = input.includes(",") ? input.split(",") : input.split(/\s+/);
  const tags = parts.map(normalizeTag).filter((t) => t.length > 0);
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

/** One tag as it is stored: no leading '#', lower-cased, spaces collapsed, at most MAX_TAG_LENGTH. */
export function normalizeTag(input: string): string {
  return input
    .replace(/\p{Cc}/gu, " ")
    .replace(/^#+/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .slice(0, MAX_TAG_LENGTH);
}
