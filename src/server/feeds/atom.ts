import "server-only";

// Atom 1.0 (RFC 4287), written by hand: the format is small, and every value goes through one escape.

export interface AtomEntry {
  /** A permanent IRI: the photo page's URL. */
  id: string;
  title: string;
  updated: Date;
  link: string;
  author: string;
  /** HTML, escaped once more into the XML (type="html"). */
  contentHtml: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The feed's own URL (rel="self") and the page it follows (rel="alternate"). */
  self: string;
  alternate: string;
  author: string;
  entries: AtomEntry[];
}

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 does not allow at all, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

export function renderAtom(feed: AtomFeed): string {
  // A feed with no entries still needs an <updated>: the epoch says "nothing yet".
  const updated = feed.entries.reduce((latest, e) => Math.max(latest, e.updated.getTime()), 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    "  <generator>Pinhole</generator>",
    ...feed.entries.flatMap((entry) => [
      "  <entry>",
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
      `    <author><name>${escapeXml(entry.author)}</name></author>`,
      `    <content type="html">${escapeXml(entry.contentHtml)}</content>`,
      "  </entry>",
    ]),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}

/** HTML-escapes text for the entries' content (then escaped again as XML by renderAtom). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
