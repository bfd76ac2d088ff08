import "server-only";
import { licenseInfo, type License } from "@/lib/licenses";
import { escapeHtml } from "@/server/feeds/atom";

export interface EmbedSubject {
  /** The page the embed links back to. */
  pageUrl: string;
  title: string;
  image: { url: string; width: number; height: number; alt: string };
  author: { name: string; url: string };
  /** Photos carry one; an album has none of its own. */
  license: License | null;
}

/**
 * The HTML a blog pastes to show a public photo or album: the image linking back, the credit and
 * the license with its deed. Plain markup (no script, no iframe), every value escaped.
 */
export function embedHtml(subject: EmbedSubject): string {
  const { pageUrl, title, image, author } = subject;
  const license = subject.license ? licenseInfo(subject.license) : null;
  const licenseText = !license
    ? ""
    : license.url
      ? `, <a href="${escapeHtml(license.url)}" rel="license">${escapeHtml(license.short)}</a>`
      : `, ${escapeHtml(license.name)}`;
  return (
    `<figure class="pinhole-embed" style="margin:0">` +
    `<a href="${escapeHtml(pageUrl)}"><img src="${escapeHtml(image.url)}" width="${image.width}"` +
    ` height="${image.height}" alt="${escapeHtml(image.alt)}" style="max-width:100%;height:auto"></a>` +
    `<figcaption><a href="${escapeHtml(pageUrl)}">${escapeHtml(title)}</a> by ` +
    `<a href="${escapeHtml(author.url)}">${escapeHtml(author.name)}</a>${licenseText}</figcaption>` +
    `</figure>`
  );
}
