import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { getSharedAlbum } from "@/server/data/share-links/get-shared-album";
import { getSharedPhoto } from "@/server/data/share-links/get-shared-photo";
import { listSharedAlbumPhotos } from "@/server/data/share-links/list-shared-album-photos";
import { openShareLink } from "@/server/data/share-links/open-share-link";
import { recordShareLinkUse } from "@/server/data/share-links/record-share-link-use";
import { ShareUnlockForm } from "@/components/sharing/share-unlock-form";
import { SharedAlbum } from "@/components/sharing/shared-album";
import { SharedPhoto } from "@/components/sharing/shared-photo";
import { sharePageMetadata } from "./share-page-metadata";

interface SharePageProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = sharePageMetadata;

// /s/<token>: the linked photo, or the linked album's photos. An unknown, revoked or expired token
// is the ordinary 404; the link is read from the database on every request.
export default async function SharePage({ params, searchParams }: SharePageProps) {
  const { token } = await params;
  const opened = await openShareLink(token);
  if (!opened) notFound();
  if (!opened.unlocked) return <ShareUnlockForm token={token} />;
  const { link } = opened;
  after(() => recordShareLinkUse(link));

  if (link.photoId) {
    const photo = await getSharedPhoto(link, link.photoId);
    if (!photo) notFound();
    return <SharedPhoto photo={photo} />;
  }

  const cursorParam = (await searchParams).cursor;
  const cursor = (Array.isArray(cursorParam) ? cursorParam[0] : cursorParam) ?? null;
  const [album, page] = await Promise.all([getSharedAlbum(link), listSharedAlbumPhotos(link, cursor)]);
  if (!album) notFound();
  return (
    <SharedAlbum
      album={album}
      photos={page.photos}
      basePath={`/s/${token}`}
      cursor={cursor}
      nextCursor={page.nextCursor}
    />
  );
}
