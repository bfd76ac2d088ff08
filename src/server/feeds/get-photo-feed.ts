import "server-only";
import type { PhotoCard } from "@/lib/photo-card";
import { getAlbum } from "@/server/data/albums/get-album";
import { getPerson } from "@/server/data/get-person";
import { listPhotos, type PhotoScope } from "@/server/data/list-photos";
import { normalizeTag } from "@/lib/tags";
import { escapeHtml, type AtomFeed } from "./atom";

export type FeedSource =
  { kind: "person"; handle: string } | { kind: "album"; albumId: string } | { kind: "tag"; tag: string };

const FEED_SIZE = 30;

/**
 * The newest public photos of a person, a public album or a tag, as an Atom feed; null when there is
 * no such person or public album. Always read as an anonymous visitor: a feed reader has no session,
 * and a feed URL is shared freely, so a feed never lists what only its subscriber could see.
 */
export async function getPhotoFeed(source: FeedSource, origin: string): Promise<AtomFeed | null> {
  const found = await resolve(source);
  if (!found) return null;
  const { scope, title, path, author } = found;
  const page = await listPhotos(null, scope, { limit: FEED_SIZE });
  return {
    id: `${origin}${path}`,
    title,
    self: `${origin}${path}/atom`,
    alternate: `${origin}${path}`,
    author,
    entries: page.photos.map((photo) => entry(photo, origin)),
  };
}

async function resolve(source: FeedSource) {
  if (source.kind === "person") {
    const person = await getPerson(null, source.handle);
    if (!person) return null;
    return {
      scope: { kind: "stream", ownerId: person.id } satisfies PhotoScope,
      title: `${person.displayName}'s photos on Pinhole`,
      path: `/people/${encodeURIComponent(person.handle)}`,
      author: person.displayName,
    };
  }
  if (source.kind === "album") {
    const album = await getAlbum(null, source.albumId);
    // Only a public album has a feed; its photos are then public by the union rule.
    if (!album || album.visibility !== "PUBLIC") return null;
    return {
      scope: { kind: "album", albumId: album.id } satisfies PhotoScope,
      title: `${album.title}: an album by ${album.owner.displayName} on Pinhole`,
      path: `/albums/${album.id}`,
      author: album.owner.displayName,
    };
  }
  const tag = normalizeTag(source.tag);
  if (!tag) return null;
  return {
    scope: { kind: "tag", tag } satisfies PhotoScope,
    title: `Photos tagged #${tag} on Pinhole`,
    path: `/tags/${encodeURIComponent(tag)}`,
    author: "Pinhole",
  };
}

function entry(photo: PhotoCard, origin: string) {
  const page = `${origin}/photos/${photo.id}`;
  // The media route serves the nearest rung the photo has.
  const image = `${origin}${photo.mediaBase}/w800.webp`;
  const title = photo.title.trim() || photo.alt;
  return {
    id: page,
    title,
    updated: new Date(photo.createdAt),
    link: page,
    author: photo.owner.displayName,
    contentHtml:
      `<p><a href="${escapeHtml(page)}"><img src="${escapeHtml(image)}" alt="${escapeHtml(photo.alt)}"` +
      ` width="${Math.min(800, photo.width)}"></a></p>` +
      `<p>by ${escapeHtml(photo.owner.displayName)}</p>`,
  };
}
