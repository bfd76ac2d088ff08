import "server-only";
import { licenseInfo } from "@/lib/licenses";
import { getAlbum } from "@/server/data/albums/get-album";
import { getPhoto, type PhotoView } from "@/server/data/get-photo";
import { listPhotos } from "@/server/data/list-photos";
import { AppError } from "@/server/errors/app-error";
import { embedHtml, type EmbedSubject } from "./embed-html";

export interface OEmbedRequest {
  url: string;
  maxwidth?: number;
  maxheight?: number;
}

/** oEmbed 1.0 (https://oembed.com/#section2.3): "photo" for a photo, "rich" for an album. */
export interface OEmbedResponse {
  version: "1.0";
  type: "photo" | "rich";
  title: string;
  author_name: string;
  author_url: string;
  provider_name: "Pinhole";
  provider_url: string;
  cache_age: number;
  /** photo: the image itself. */
  url?: string;
  /** rich: the markup to paste. A photo carries it too, with the credit and license. */
  html: string;
  width: number;
  height: number;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
  /** Not in the spec (extensions are allowed): the photo's license, as Flickr's oEmbed gives it. */
  license?: string;
  license_url?: string | null;
}

const DEFAULT_MAX_WIDTH = 1024;
const THUMBNAIL_WIDTH = 320;
// Public media URLs change when access narrows; an hour bounds how long a consumer keeps one.
const CACHE_AGE = 3600;

/**
 * The embed of a public photo or album, read as an anonymous visitor: whoever asks, nothing that
 * is not public is ever described. Anything else, or a URL that is not one of our pages, is not_found.
 */
export async function getOEmbed(request: OEmbedRequest, origin: string): Promise<OEmbedResponse> {
  const target = parseTarget(request.url, origin);
  if (!target) throw new AppError("not_found", "No embeddable page at that URL");
  const fit = { maxWidth: request.maxwidth ?? DEFAULT_MAX_WIDTH, maxHeight: request.maxheight ?? Infinity };

  if (target.kind === "photo") {
    const photo = await publicPhoto(target.id);
    if (!photo) throw new AppError("not_found", "No such public photo");
    const subject = photoSubject(photo, origin, fit);
    const license = licenseInfo(photo.license);
    return {
      ...common(subject, photo, origin),
      type: "photo",
      url: subject.image.url,
      license: license.name,
      license_url: license.url,
    };
  }

  const album = await getAlbum(null, target.id);
  if (!album || album.visibility !== "PUBLIC") throw new AppError("not_found", "No such public album");
  const coverId =
    album.coverPhotoId ??
    (await listPhotos(null, { kind: "album", albumId: album.id }, { limit: 1 })).photos[0]?.id;
  const cover = coverId ? await publicPhoto(coverId) : null;
  if (!cover) throw new AppError("not_found", "This album has no photos to show");
  const subject: EmbedSubject = {
    ...photoSubject(cover, origin, fit),
    pageUrl: `${origin}/albums/${album.id}`,
    title: album.title,
    license: null,
  };
  return { ...common(subject, cover, origin), type: "rich" };
}

export type EmbedTarget = { kind: "photo" | "album"; id: string };

/** Which of our pages a URL names: /photos/<id> or /albums/<id> on this origin (relative allowed). */
export function parseTarget(url: string, origin: string): EmbedTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url, origin);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  const match = /^\/(photos|albums)\/([0-9a-f-]{36})\/?$/i.exec(parsed.pathname);
  if (!match) return null;
  return { kind: match[1] === "photos" ? "photo" : "album", id: match[2]!.toLowerCase() };
}

async function publicPhoto(id: string): Promise<PhotoView | null> {
  const photo = await getPhoto(null, id);
  return photo && photo.isPublic && photo.status === "READY" && photo.variants.length > 0 ? photo : null;
}

/** The subject of a photo's embed, its image the largest rung within the asked-for box. */
export function photoSubject(
  photo: PhotoView,
  origin: string,
  fit: { maxWidth: number; maxHeight: number } = { maxWidth: DEFAULT_MAX_WIDTH, maxHeight: Infinity },
): EmbedSubject {
  const within = photo.variants.filter((v) => v.width <= fit.maxWidth && v.height <= fit.maxHeight);
  const rung = within.at(-1) ?? photo.variants[0]!;
  return {
    pageUrl: `${origin}/photos/${photo.id}`,
    title: photo.title.trim() || photo.alt,
    image: {
      url: `${origin}${photo.mediaBase}/w${rung.width}.webp`,
      width: rung.width,
      height: rung.height,
      alt: photo.alt,
    },
    author: {
      name: photo.owner.displayName,
      url: `${origin}/people/${encodeURIComponent(photo.owner.handle)}`,
    },
    license: photo.license,
  };
}

function common(subject: EmbedSubject, photo: PhotoView, origin: string) {
  const thumb = photo.variants.filter((v) => v.width <= THUMBNAIL_WIDTH).at(-1) ?? photo.variants[0]!;
  return {
    version: "1.0" as const,
    title: subject.title,
    author_name: subject.author.name,
    author_url: subject.author.url,
    provider_name: "Pinhole" as const,
    provider_url: `${origin}/`,
    cache_age: CACHE_AGE,
    html: embedHtml(subject),
    width: subject.image.width,
    height: subject.image.height,
    thumbnail_url: `${origin}${photo.mediaBase}/w${thumb.width}.webp`,
    thumbnail_width: thumb.width,
    thumbnail_height: thumb.height,
  };
}

/** The embed code for a public album's page (its Embed dialog), or null when it has none. */
export async function albumEmbedHtml(albumId: string, origin: string): Promise<string | null> {
  try {
    return (await getOEmbed({ url: `/albums/${albumId}` }, origin)).html;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}
