import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { getSharedAlbum } from "@/server/data/share-links/get-shared-album";
import { getSharedPhoto } from "@/server/data/share-links/get-shared-photo";
import { openShareLink } from "@/server/data/share-links/open-share-link";
import { recordShareLinkUse } from "@/server/data/share-links/record-share-link-use";
import { isUuid } from "@/server/policy/photos";
import { ShareUnlockForm } from "@/components/sharing/share-unlock-form";
import { SharedPhoto } from "@/components/sharing/shared-photo";
import { sharePageMetadata } from "../share-page-metadata";

interface SharedPhotoPageProps {
  params: Promise<{ token: string; photoId: string }>;
}

export const metadata: Metadata = sharePageMetadata;

// /s/<token>/<photoId>: one photo the link covers (a photo of the shared album, or the shared photo
// itself). Any other photo id is a 404, however visible that photo is elsewhere.
export default async function SharedPhotoPage({ params }: SharedPhotoPageProps) {
  const { token, photoId } = await params;
  if (!isUuid(photoId)) notFound();
  const opened = await openShareLink(token);
  if (!opened) notFound();
  if (!opened.unlocked) return <ShareUnlockForm token={token} photoId={photoId} />;
  const { link } = opened;

  const [photo, album] = await Promise.all([getSharedPhoto(link, photoId), getSharedAlbum(link)]);
  if (!photo) notFound();
  after(() => recordShareLinkUse(link));
  return (
    <SharedPhoto photo={photo} album={album ? { href: `/s/${token}`, title: album.title } : undefined} />
  );
}
