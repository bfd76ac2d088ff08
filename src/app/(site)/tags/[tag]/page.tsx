import type { Metadata } from "next";
import Link from "next/link";
import { normalizeTag } from "@/lib/tags";
import { getCurrentUser } from "@/server/auth/current-user";
import { listPhotos } from "@/server/data/list-photos";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

interface TagPageProps {
  params: Promise<{ tag: string }>;
}

async function tagOf(params: TagPageProps["params"]): Promise<string> {
  const { tag } = await params;
  // Next hands the segment over still percent-encoded; a malformed escape is read as it stands.
  let decoded = tag;
  try {
    decoded = decodeURIComponent(tag);
  } catch {
    // Not valid percent-encoding ("100%"): the text itself is the tag.
  }
  return normalizeTag(decoded);
}

export async function generateMetadata({ params }: TagPageProps): Promise<Metadata> {
  const tag = await tagOf(params);
  return {
    title: `#${tag}`,
    alternates: {
      types: { "application/atom+xml": [{ url: `/tags/${encodeURIComponent(tag)}/atom`, title: `#${tag}` }] },
    },
  };
}

export default async function TagPage({ params }: TagPageProps) {
  const tag = await tagOf(params);
  const user = await getCurrentUser();
  const page = tag ? await listPhotos(user, { kind: "tag", tag }) : { photos: [], nextCursor: null };

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight break-words text-foreground">
          <span aria-hidden="true" className="text-muted">
            #
          </span>
          {tag}
        </h1>
        <p className="mt-1 text-muted">Photos tagged &ldquo;{tag}&rdquo;, newest first.</p>
      </header>
      {page.photos.length > 0 ? (
        <InfinitePhotoGrid
          source={{ scope: "tag", tag }}
          initialPage={page}
          label={`Photos tagged ${tag}`}
          cacheKey={user?.id ?? "anonymous"}
          showOwner
        />
      ) : (
        <EmptyState
          icon={<PhotoIcon />}
          title={`No photos tagged “${tag}”`}
          actions={
            <Link
              href={`/search?${new URLSearchParams({ q: tag })}`}
              className={buttonClasses("secondary", "md")}
            >
              Search for &ldquo;{tag}&rdquo; in titles and descriptions
            </Link>
          }
        >
          <p>None that you can see, at least. Tags are added by the people who upload photos.</p>
        </EmptyState>
      )}
    </div>
  );
}
