import type { Metadata } from "next";
import Link from "next/link";
import { parseSearchRequest, searchDateRange, searchLicenses, searchParamsOf } from "@/lib/search-request";
import { getCurrentUser } from "@/server/auth/current-user";
import { searchPhotos } from "@/server/data/search-photos";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";
import { SearchForm } from "@/components/search/search-form";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

interface SearchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const { q } = parseSearchRequest(await searchParams);
  const words = q.trim().slice(0, 60);
  // Results differ per viewer and per day: nothing for a search engine to keep.
  return { title: words ? `“${words}” · Search` : "Search", robots: { index: false } };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const request = parseSearchRequest(await searchParams);
  const user = await getCurrentUser();
  const words = request.q.trim();
  const page = words
    ? await searchPhotos(user, {
        q: request.q,
        scope: request.who,
        ...searchDateRange(request),
        licenses: searchLicenses(request),
      })
    : null;
  const filtered =
    request.who !== "everyone" || request.from !== null || request.to !== null || request.license !== "any";

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="mb-8 flex flex-col gap-6">
        <h1 className="text-3xl font-semibold tracking-tight text-foreground">
          {words ? (
            <>
              Photos matching <span className="break-words">&ldquo;{words.slice(0, 200)}&rdquo;</span>
            </>
          ) : (
            "Search photos"
          )}
        </h1>
        <SearchForm request={request} signedIn={!!user} />
      </header>

      {!page ? (
        <EmptyState icon={<PhotoIcon />} title="What are you looking for?">
          <p>
            Type words from a title, a tag or a description. Put a phrase in quotes (&ldquo;tram 28&rdquo;),
            leave a word out with a minus (cat -dog), or give either with <em>or</em>.
          </p>
        </EmptyState>
      ) : page.photos.length > 0 ? (
        <InfinitePhotoGrid
          // A new search starts a new list (and a new "loaded" announcement).
          key={searchParamsOf(request).toString()}
          source={{ scope: "search", ...request }}
          initialPage={page}
          label={`Photos matching ${words}`}
          cacheKey={user?.id ?? "anonymous"}
          showOwner
        />
      ) : (
        <EmptyState
          icon={<PhotoIcon />}
          title="No photos found"
          actions={
            filtered ? (
              <Link
                href={`/search?${new URLSearchParams({ q: request.q })}`}
                className={buttonClasses("secondary", "md")}
              >
                Search everyone&rsquo;s photos, any date, any license
              </Link>
            ) : null
          }
        >
          <p>
            Nothing you can see matches those words. Check the spelling, try fewer or more general words
            {filtered ? ", or widen the filters" : ""}.
          </p>
        </EmptyState>
      )}
    </div>
  );
}
