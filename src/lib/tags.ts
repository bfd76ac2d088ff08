// Tags as people type them: "sunset, lisbon tram, \"monument valley\"". Commas alone separate tags,
// so a tag may hold spaces; quotes people put around a multi-word tag are dropped.
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

/** The help text under every tags field (upload, edit), so both forms say the same. */
export const TAGS_HINT = "Separate tags with commas; a tag may have spaces.";

export function parseTags(input: string): string[] {
  const tags = input
    .split(",")
    .map(normalizeTag)
    .filter((t) => t.length > 0);
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

/**
 * One tag as it is stored: no leading '#', no double quotes (straight or typographic), no single
 * quotes around it (an apostrophe inside stays), lower-cased, spaces collapsed, at most MAX_TAG_LENGTH.
 */
export function normalizeTag(input: string): string {
  return input
    .replace(/\p{Cc}/gu, " ")
    .replace(/["“”„«»]/g, " ")
    .trim()
    .replace(/^['‘’]+|['‘’]+$/g, "")
    .trim()
    .replace(/^#+/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .slice(0, MAX_TAG_LENGTH);
}
