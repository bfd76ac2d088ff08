import { licenseInfo } from "@/lib/licenses";
import type { PhotoView } from "@/server/data/get-photo";

type JsonLdPhoto = Pick<
  PhotoView,
  | "id"
  | "title"
  | "description"
  | "alt"
  | "isPublic"
  | "mediaBase"
  | "width"
  | "height"
  | "license"
  | "rights"
  | "owner"
  | "createdAt"
>;

/**
 * schema.org ImageObject for a public photo: what search engines read for their "Licensable" badge
 * (license, acquireLicensePage, creator, creditText, copyrightNotice). Null for anything not public,
 * so nothing about a private photo reaches the page source.
 */
export function photoJsonLd(photo: JsonLdPhoto, origin: string): Record<string, unknown> | null {
  if (!photo.isPublic) return null;
  const page = `${origin}/photos/${photo.id}`;
  const license = licenseInfo(photo.license);
  const creatorName = photo.rights?.creator ?? photo.owner.displayName;
  return {
    "@context": "https://schema.org",
    "@type": "ImageObject",
    "@id": page,
    url: page,
    name: photo.title.trim() || photo.alt,
    ...(photo.description.trim() && { description: photo.description.trim() }),
    contentUrl: `${origin}${photo.mediaBase}/w1024.webp`,
    thumbnailUrl: `${origin}${photo.mediaBase}/w320.webp`,
    ...(photo.width && photo.height && { width: photo.width, height: photo.height }),
    uploadDate: photo.createdAt.toISOString(),
    // Google's image license metadata: the deed when there is one; the photo's page says how to ask.
    ...(license.url && { license: license.url }),
    acquireLicensePage: page,
    creator: {
      "@type": "Person",
      name: creatorName,
      url: `${origin}/people/${encodeURIComponent(photo.owner.handle)}`,
    },
    creditText: creatorName,
    copyrightNotice:
      photo.rights?.copyright ??
      (license.id === "PDM" || license.id === "CC0"
        ? `${creatorName}: ${license.name}`
        : `© ${photo.createdAt.getUTCFullYear()} ${creatorName}`),
  };
}

/** The JSON for a <script type="application/ld+json">: `<` escaped so no title can close the tag. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
