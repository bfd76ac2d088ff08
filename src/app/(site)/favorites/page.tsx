import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listFavoritesPage } from "@/server/data/favorites/list-favorites-page";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";

export const metadata: Metadata = { title: "Your favorites" };

// The signed-in person's favorites they can still see, most recently favorited first, scrolled in
// pages like every grid (GET /api/photos?scope=favorites).
export default async function FavoritesPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/favorites");
  const firstPage = await listFavoritesPage(user);
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6" data-testid="favorites-page">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Your favorites</h1>
      {firstPage.photos.length ? (
        <div className="mt-6">
          <InfinitePhotoGrid
            source={{ scope: "favorites" }}
            initialPage={firstPage}
            label="Your favorite photos"
            // Per viewer; the server render is always fresh and the grid starts from its first page.
            cacheKey={`${user.id}:${firstPage.photos.map((p) => p.mediaBase).join(",")}`}
            showOwner
          />
        </div>
      ) : (
        <p className="mt-4 text-muted">Photos you favorite appear here.</p>
      )}
    </div>
  );
}
