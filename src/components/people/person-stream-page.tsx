import Link from "next/link";
import type { Viewer } from "@/server/policy/viewer";
import type { Person } from "@/server/data/get-person";
import { getFollowCounts } from "@/server/data/follows/get-follow-counts";
import { listPhotos } from "@/server/data/list-photos";
import { AlbumCards } from "@/components/people/album-cards";
import { FollowButton } from "@/components/people/follow-button";
import { PersonHeader } from "@/components/people/person-header";
import { InfinitePhotoGrid } from "@/components/photos/infinite-photo-grid";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

/**
 * A person's photostream as `viewer` may see it: their albums and the first page of their photos.
 * Rendered per request for signed-in viewers ((site)/people) and once per change for everyone else
 * (anonymous/people, from the page cache).
 */
export async function PersonStreamPage({
  viewer,
  person,
  asVisitor = false,
}: {
  viewer: Viewer;
  person: Person;
  /** The owner's preview of the visitor's view (`?as=visitor`): later pages are asked for as nobody. */
  asVisitor?: boolean;
}) {
  const [firstPage, follows] = await Promise.all([
    listPhotos(viewer, { kind: "stream", ownerId: person.id }),
    getFollowCounts(viewer, person.id),
  ]);
  const base = `/people/${encodeURIComponent(person.handle)}`;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <PersonHeader
        displayName={person.displayName}
        handle={person.handle}
        bio={person.bio}
        photoCount={person.photoCount}
        albumCount={person.albumCount}
        followerCount={follows.followers}
        followingCount={follows.following}
        isOwner={person.isOwner}
        follow={
          // Nobody gets a plain link, so the cached anonymous page reads no cookies; a signed-in
          // viewer gets the toggle with its state from this render.
          viewer ? (
            <FollowButton
              handle={person.handle}
              displayName={person.displayName}
              initialFollowing={follows.viewerFollows}
            />
          ) : (
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(base)}`}
              className={buttonClasses("secondary", "md")}
            >
              Sign in to follow
            </Link>
          )
        }
      />

      {person.albums.length > 0 ? (
        <section aria-labelledby="albums-heading" className="mt-12">
          <h2 id="albums-heading" className="mb-4 text-xl font-semibold tracking-tight text-foreground">
            Albums
          </h2>
          <AlbumCards albums={person.albums} showVisibility={person.isOwner} />
          {person.albumCount > person.albums.length ? (
            <p className="mt-3 text-sm text-muted">
              The newest {person.albums.length} of {person.albumCount} albums.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="photos-heading" className="mt-12">
        <h2 id="photos-heading" className="mb-4 text-xl font-semibold tracking-tight text-foreground">
          Photos
        </h2>
        {firstPage.photos.length > 0 ? (
          <InfinitePhotoGrid
            source={{ scope: "stream", owner: person.handle, ...(asVisitor ? { asVisitor: true } : {}) }}
            initialPage={firstPage}
            label={`Photos by ${person.displayName}`}
            cacheKey={viewer?.id ?? "anonymous"}
            showVisibility={person.isOwner}
          />
        ) : person.isOwner ? (
          <EmptyState
            as="h3"
            icon={<PhotoIcon />}
            title="No photos yet"
            actions={
              <Link href="/upload" className={buttonClasses("primary", "md")}>
                Upload your first photo
              </Link>
            }
          >
            <p>Photos you upload show up here, newest first. You choose who sees each one.</p>
          </EmptyState>
        ) : (
          <EmptyState as="h3" icon={<PhotoIcon />} title="No photos to show">
            <p>{person.displayName} hasn&rsquo;t shared any photos with you yet.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

/** The page title for a person, or for the 404 page. */
export function personTitle(person: Person | null): string {
  return person ? `${person.displayName} (@${person.handle})` : "Page not found";
}

/** The `<link rel="alternate" type="application/atom+xml">` to a person's public photos' feed. */
export function personFeedMetadata(handle: string) {
  const path = `/people/${encodeURIComponent(handle.toLowerCase())}`;
  return {
    alternates: {
      types: { "application/atom+xml": [{ url: `${path}/atom`, title: `@${handle}'s photos` }] },
    },
  };
}
