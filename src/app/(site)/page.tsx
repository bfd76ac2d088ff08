import type { Metadata } from "next";
import { getCurrentUser } from "@/server/auth/current-user";
import { listPhotos } from "@/server/data/list-photos";
import { WelcomeHero } from "@/components/explore/welcome-hero";
import { ExploreEmpty } from "@/components/explore/explore-empty";
import { ExploreOrderSwitch } from "@/components/explore/explore-order-switch";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";

export const metadata: Metadata = {
  title: { absolute: "Pinhole · Explore photos" },
};

export default async function ExplorePage({ searchParams }: { searchParams: Promise<{ order?: unknown }> }) {
  // Anything but `order=interesting` is the default, newest first.
  const order = (await searchParams).order === "interesting" ? "interesting" : "recent";
  const user = await getCurrentUser();
  // The first page comes with the HTML; the grid asks /api/photos for the rest as the reader scrolls.
  const firstPage = await listPhotos(user, { kind: "explore", order });
  const grid =
    firstPage.photos.length > 0 ? (
      <>
        <ExploreOrderSwitch current={order} />
        <InfinitePhotoGrid
          key={order}
          source={{ scope: "explore", order }}
          initialPage={firstPage}
          label={order === "interesting" ? "Most interesting public photos" : "Newest public photos"}
          showOwner
        />
      </>
    ) : null;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      {user ? (
        <header className="mb-8">
          <h1 className="text-3xl font-semibold tracking-tight text-foreground">Explore</h1>
          <p className="mt-1 text-muted">The newest public photos from everyone on Pinhole.</p>
        </header>
      ) : (
        <div className="mb-14">
          <WelcomeHero />
        </div>
      )}

      {user ? (
        (grid ?? <ExploreEmpty signedIn headingLevel="h2" />)
      ) : (
        <section aria-labelledby="explore-heading">
          <h2 id="explore-heading" className="mb-4 text-xl font-semibold tracking-tight text-foreground">
            Explore
          </h2>
          {grid ?? <ExploreEmpty signedIn={false} headingLevel="h3" />}
        </section>
      )}
    </div>
  );
}
