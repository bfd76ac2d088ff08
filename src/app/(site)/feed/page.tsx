import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listFeed } from "@/server/data/list-feed";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

export const metadata: Metadata = { title: "Your feed" };

interface FeedPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// The signed-in person's home feed: recent photos from the people they follow that they may see.
// `?before=<cursor>` starts further down (the cursor is opaque, as in GET /api/photos?scope=feed).
export default async function FeedPage({ searchParams }: FeedPageProps) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/feed");
  const before = (await searchParams).before;
  const cursor = typeof before === "string" ? before : null;
  const firstPage = await listFeed(user, { cursor });

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight text-foreground">Your feed</h1>
        <p className="mt-1 text-muted">The newest photos from the people you follow.</p>
      </header>
      {firstPage.photos.length > 0 ? (
        <InfinitePhotoGrid
          source={{ scope: "feed" }}
          initialPage={firstPage}
          label="Photos from people you follow"
          // Per viewer and per cursor; the server render is always fresh (this page is dynamic), and
          // the first page it sends is the one the grid starts from.
          cacheKey={`${user.id}:${cursor ?? ""}:${firstPage.photos.map((p) => p.mediaBase).join(",")}`}
          showOwner
        />
      ) : (
        <EmptyState
          as="h2"
          icon={<PhotoIcon />}
          title={cursor ? "No more photos" : "Nothing in your feed yet"}
          actions={
            <Link href="/" className={buttonClasses("primary", "md")}>
              Explore photos
            </Link>
          }
        >
          <p>Follow people from their photostream and their new photos show up here, newest first.</p>
        </EmptyState>
      )}
    </div>
  );
}
