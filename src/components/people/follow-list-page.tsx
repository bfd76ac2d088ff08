import Link from "next/link";
import type { FollowList } from "@/server/data/follows/list-follows";
import { Avatar } from "@/components/ui/avatar";
import { EmptyState } from "@/components/ui/empty-state";

const TITLES = { followers: "Followers", following: "Following" } as const;

/** Who follows a person, or whom they follow: handles and display names, public to everyone. */
export function FollowListPage({ list, which }: { list: FollowList; which: "followers" | "following" }) {
  const { person } = list;
  const base = `/people/${encodeURIComponent(person.handle)}`;
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <p className="text-sm text-muted">
        <Link href={base} className="underline-offset-2 hover:underline">
          {person.displayName} (@{person.handle})
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight text-foreground">
        {TITLES[which]} <span className="text-muted">({list.total.toLocaleString("en")})</span>
      </h1>
      <nav aria-label="Follows" className="mt-3 flex gap-4 text-sm">
        <Link href={`${base}/followers`} aria-current={which === "followers" ? "page" : undefined}>
          Followers
        </Link>
        <Link href={`${base}/following`} aria-current={which === "following" ? "page" : undefined}>
          Following
        </Link>
      </nav>
      {list.people.length > 0 ? (
        <ul className="mt-8 divide-y divide-border" aria-label={`${TITLES[which]} of ${person.displayName}`}>
          {list.people.map((p) => (
            <li key={p.handle}>
              <Link
                href={`/people/${encodeURIComponent(p.handle)}`}
                className="flex items-center gap-3 py-3 hover:bg-surface-muted"
              >
                <Avatar name={p.displayName} className="size-10 text-base" />
                <span className="min-w-0">
                  <span className="block font-medium break-words text-foreground">{p.displayName}</span>
                  <span className="block text-sm text-muted">@{p.handle}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <div className="mt-8">
          <EmptyState
            as="h2"
            title={which === "followers" ? "No followers yet" : "Not following anyone yet"}
          />
        </div>
      )}
      {list.total > list.people.length ? (
        <p className="mt-3 text-sm text-muted">
          The newest {list.people.length.toLocaleString("en")} of {list.total.toLocaleString("en")}.
        </p>
      ) : null}
    </div>
  );
}
