import type { ReactNode } from "react";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button-styles";

interface PersonHeaderProps {
  displayName: string;
  handle: string;
  bio: string;
  photoCount: number;
  albumCount: number;
  followerCount: number;
  followingCount: number;
  isOwner: boolean;
  /** The Follow control for someone else's page (a toggle, or a sign-in link for nobody). */
  follow?: ReactNode;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function PersonHeader({
  displayName,
  handle,
  bio,
  photoCount,
  albumCount,
  followerCount,
  followingCount,
  isOwner,
  follow,
}: PersonHeaderProps) {
  const base = `/people/${encodeURIComponent(handle)}`;
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-4">
      <Avatar name={displayName} className="size-20 text-3xl" />
      <div className="min-w-0 flex-1">
        <h1 className="text-3xl font-semibold tracking-tight break-words text-foreground">{displayName}</h1>
        <p className="mt-0.5 text-muted">@{handle}</p>
        {bio ? (
          <p className="mt-2 max-w-prose text-pretty whitespace-pre-line text-foreground">{bio}</p>
        ) : null}
        <p className="mt-2 text-sm text-muted" data-testid="person-counts">
          {plural(photoCount, "photo", "photos")} · {plural(albumCount, "album", "albums")}
        </p>
        <p className="mt-1 text-sm text-muted" data-testid="follow-counts">
          <Link href={`${base}/followers`} className="underline-offset-2 hover:underline">
            {plural(followerCount, "follower", "followers")}
          </Link>{" "}
          ·{" "}
          <Link href={`${base}/following`} className="underline-offset-2 hover:underline">
            {followingCount.toLocaleString("en")} following
          </Link>
        </p>
      </div>
      {isOwner ? (
        <div className="flex gap-2">
          <Link href="/upload" className={buttonClasses("primary", "md")}>
            Upload
          </Link>
          <Link href="/organize" className={buttonClasses("secondary", "md")}>
            Organize
          </Link>
          {/* A full load of the page as an anonymous visitor gets it. */}
          <a
            href={`/people/${encodeURIComponent(handle)}?as=visitor`}
            className={buttonClasses("ghost", "md")}
          >
            Preview as a visitor
          </a>
        </div>
      ) : (
        follow
      )}
    </header>
  );
}
