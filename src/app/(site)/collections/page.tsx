import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listCollections } from "@/server/data/collections/list-collections";
import { CollectionDetailsForm } from "@/components/collections/collection-details-form";

export const metadata: Metadata = {
  title: "Your collections",
  robots: { index: false, follow: false },
};

// The owner's collections (albums of albums) and a form for a new one.
export default async function CollectionsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/collections");
  const collections = await listCollections(user);
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Your collections</h1>
      <p className="mt-1 text-muted">
        A collection groups albums. Visitors see the albums in it that they may see, and nothing else.
      </p>
      {collections.length > 0 ? (
        <ul className="mt-6 flex flex-col gap-1" aria-label="Collections" data-testid="collection-list">
          {collections.map((c) => (
            <li key={c.id}>
              <Link
                href={`/collections/${c.id}`}
                className="flex items-baseline gap-2 rounded-lg px-2 py-1.5 hover:bg-surface-muted"
              >
                <span className="font-medium text-foreground">{c.title}</span>
                <span className="text-sm text-muted">
                  {c.albumCount} {c.albumCount === 1 ? "album" : "albums"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="new-collection-heading" className="mt-10">
        <h2 id="new-collection-heading" className="mb-4 text-lg font-semibold text-foreground">
          New collection
        </h2>
        <CollectionDetailsForm />
      </section>
    </div>
  );
}
