import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listFavorites } from "@/server/data/favorites/list-favorites";
import { JustifiedGrid } from "@/components/photos/justified-grid";

export const metadata: Metadata = { title: "Your favorites" };

export default async function FavoritesPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/favorites");
  const photos = await listFavorites(user);
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6" data-testid="favorites-page">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Your favorites</h1>
      {photos.length ? (
        <div className="mt-6">
          <JustifiedGrid photos={photos} label="Your favorite photos" showOwner />
        </div>
      ) : (
        <p className="mt-4 text-muted">Photos you favorite appear here.</p>
      )}
    </div>
  );
}
