import type { Metadata } from "next";
import { oembedHref } from "@/lib/oembed";
import type { PhotoView } from "@/server/data/get-photo";

// Open Graph and Twitter cards for public photos only: a private or shared photo gets a generic
// title and nothing else, so no title, description or image leaks through a link preview. Next
// escapes every value it writes into an attribute.
export function photoMetadata(photo: PhotoView | null, origin: string): Metadata {
  if (!photo || !photo.isPublic) return { title: "Photo", robots: { index: false, follow: false } };

  const title = photo.title.trim() || `Photo by ${photo.owner.displayName}`;
  const description =
    clip(photo.description.trim(), 300) || `A photo by ${photo.owner.displayName} on Pinhole.`;
  // The 1024 rung (or the largest the photo has): big enough for every card, small enough to fetch.
  const rung = photo.variants.find((v) => v.width >= 1024) ?? photo.variants.at(-1);
  const image = {
    url: `${origin}${photo.mediaBase}/w1024.webp`,
    alt: photo.alt,
    ...(rung ? { width: rung.width, height: rung.height } : {}),
  };
  return {
    title,
    description,
    alternates: {
      canonical: `${origin}/photos/${photo.id}`,
      // oEmbed discovery (https://oembed.com/#section4): embeds in blogs and chat apps.
      types: {
        "application/json+oembed": oembedHref(origin, `/photos/${photo.id}`),
      },
    },
    openGraph: {
      type: "article",
      siteName: "Pinhole",
      url: `${origin}/photos/${photo.id}`,
      title,
      description,
      images: [image],
    },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
